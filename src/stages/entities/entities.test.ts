import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWorking } from '../../analyze.js';
import { buildPipeline } from '../../pipeline/build-pipeline.js';
import { clean } from '../clean/index.js';
import { tokens } from '../tokens/index.js';
import { loadActorFile, codeAt, parsePetrarchActors } from '../../resources/actor-dictionary.js';
import { createEntitiesStage, entities, resolvePronoun } from './index.js';
import type { Stage } from '../../pipeline/stage.js';

const run = (text: string, published?: string, stage: Stage = entities) => {
  const doc = analyzeWorking(text, { pipeline: buildPipeline([clean, tokens, stage]), format: 'text', ...(published ? { published } : {}) });
  const words = (e: { mentions: { start: number; end: number }[] }) => e.mentions.map((m) => doc.text.slice(m.start, m.end));
  const named = (name: string) => doc.entities.find((e) => e.name === name || e.aliases.includes(name));
  return { doc, words, named };
};

describe('entities: recognition and types', () => {
  const { doc, named } = run('Chancellor Olaf Scholz met officials of the International Monetary Fund in Berlin on Monday. German exporters welcomed the talks, which came weeks after the Cold War anniversary.', '2022-03-01');
  it('finds people, organisations, places, peoples and events with ids in order of first mention', () => {
    expect(named('Olaf Scholz')?.type).toBe('PERSON');
    expect(named('International Monetary Fund')?.type).toBe('ORG');
    expect(named('Berlin')?.type).toBe('GPE');
    expect(named('German')?.type).toBe('NORP');
    expect(doc.entities.map((e) => e.id)).toEqual(doc.entities.map((_, i) => `e${i + 1}`));
    const firsts = doc.entities.map((e) => e.mentions[0]!.start);
    expect([...firsts].sort((a, b) => a - b)).toEqual(firsts);
  });
  it('codes places by country and dictionary actors by office', () => {
    expect(named('Berlin')?.actor?.country).toBe('DEU');
    expect(named('Olaf Scholz')?.actor).toMatchObject({ code: 'DEUGOV', country: 'DEU', sector: 'GOV', role: 'Chancellor' });
  });
  it('every mention highlights its words', () => {
    for (const e of doc.entities) for (const m of e.mentions) expect(doc.text.slice(m.start, m.end).trim()).toBe(doc.text.slice(m.start, m.end));
  });
});

describe('entities: one entity per real-world thing', () => {
  it('merges full names, surnames, titles and transliterations', () => {
    const { doc, words, named } = run('Vladimir Poutine spoke to reporters on Tuesday. Later, Mr. Putin told Vladimir Putin\'s aides that Putin would travel.', '2023-05-02');
    const putin = named('Vladimir Putin')!;
    expect(putin.type).toBe('PERSON');
    expect(words(putin)).toEqual(['Vladimir Poutine', 'Mr. Putin', 'Vladimir Putin', 'Putin']);
    expect(doc.entities.filter((e) => e.type === 'PERSON')).toHaveLength(1);
  });
  it('reads a surname as the person of that name already in the text, not a namesake in the dictionary', () => {
    const { doc, words, named } = run('Hillary Clinton spoke in Ohio. Clinton said she would return.', '2016-09-01');
    expect(words(named('Hillary Clinton')!)).toEqual(['Hillary Clinton', 'Clinton']);
    expect(doc.entities.filter((e) => e.type === 'PERSON')).toHaveLength(1);
  });
  it('merges a surname the tagger typed as something else with the person', () => {
    const { doc, named } = run('Orla Brennigan won the vote. Brennigan thanked supporters, and Ms. Brennigan later left for Cork.');
    expect(doc.entities.filter((e) => /Brennigan/.test(e.name))).toHaveLength(1);
    expect(named('Orla Brennigan')!.mentions).toHaveLength(3);
  });
  it('merges surnames of people not in the dictionary', () => {
    const { words, named } = run('Marta Kowalczyk, a farmer, sued the ministry. Kowalczyk said Mrs. Kowalczyk had waited for years.');
    expect(words(named('Marta Kowalczyk')!)).toEqual(['Marta Kowalczyk', 'Kowalczyk', 'Mrs. Kowalczyk']);
  });
  it('merges an acronym introduced in the text with its long form', () => {
    const { words, named } = run('The Baltic Fisheries Council (BFC) met in Riga. Members of the BFC disagreed on quotas.');
    const bfc = named('Baltic Fisheries Council')!;
    expect(words(bfc)).toEqual(['Baltic Fisheries Council', 'BFC', 'BFC']);
    expect(bfc.aliases).toContain('BFC');
  });
  it('merges dictionary aliases and spelling variants (EU = European Union, Kiev = Kyiv)', () => {
    const { words, named } = run('The European Union promised aid. Officials in Kyiv thanked the EU, and Kiev asked for more.', '2022-06-01');
    expect(words(named('European Union')!)).toEqual(['European Union', 'EU']);
    expect(named('European Union')!.actor).toMatchObject({ code: 'IGOEUREEC', country: 'EUR' });
  });
  it('links a definite description to the person the text makes clear', () => {
    const { words, named } = run('Emmanuel Macron arrived in Rome. The French president later met students.', '2021-04-10');
    expect(words(named('Emmanuel Macron')!)).toEqual(['Emmanuel Macron', 'The French president']);
  });
});

describe('entities: metonymy', () => {
  it('codes a capital acting as its government, and keeps the place a place', () => {
    const { doc, named } = run('Moscow demands guarantees from the alliance. Thousands of people marched in Moscow on Sunday.', '2022-01-10');
    const gov = doc.entities.find((e) => e.actor?.code === 'RUSGOV')!;
    const place = doc.entities.find((e) => e.type === 'GPE' && e.name === 'Moscow')!;
    expect(doc.text.slice(gov.mentions[0]!.start, gov.mentions[0]!.end)).toBe('Moscow');
    expect(gov.mentions[0]!.start).toBeLessThan(place.mentions[0]!.start);
    expect(place.actor).toMatchObject({ code: 'RUS', country: 'RUS', sector: null });
    expect(named('Moscow')).toBeDefined();
  });
  it('reads agents after "by" and objects of pressure as governments', () => {
    const { doc } = run('The plan was rejected by Washington last week. Allies tried to push Washington to reconsider.', '2022-01-10');
    const gov = doc.entities.filter((e) => e.actor?.code === 'USAGOV');
    expect(gov).toHaveLength(1);
    expect(gov[0]!.mentions).toHaveLength(2);
  });
  it('seats of power are their government', () => {
    const { named } = run('The Kremlin said the talks were useful.', '2022-01-10');
    expect(named('Kremlin')?.actor).toMatchObject({ code: 'RUSGOV', country: 'RUS', sector: 'GOV' });
  });
});

describe('entities: time-aware offices', () => {
  const text = 'Josep Borrell arrived in Brussels for the meeting.';
  it('codes the same name by the office held on the document date', () => {
    expect(run(text, '2019-03-01').named('Josep Borrell')!.actor).toMatchObject({ code: 'ESPGOV', country: 'ESP', role: 'Foreign Minister' });
    expect(run(text, '2021-03-01').named('Josep Borrell')!.actor).toMatchObject({ code: 'IGOEUREEC', country: 'EUR' });
    expect(run(text, '2025-03-01').named('Josep Borrell')!.actor).toMatchObject({ code: 'ESPELI', country: 'ESP', sector: 'ELI' });
  });
  it('a president after the end of the term is no longer the government', () => {
    const t = 'Joe Biden spoke in Delaware.';
    expect(run(t, '2022-05-01').named('Joe Biden')!.actor).toMatchObject({ code: 'USAGOV', role: 'President' });
    expect(run(t, '2025-06-01').named('Joe Biden')!.actor).toMatchObject({ code: 'USAELI', role: 'former President' });
  });
  it('surname-only mentions pick the namesake in office', () => {
    const dict = parsePetrarchActors('JOHN_SMITHSON\n\t[ABCGOV 20100101-20150101]\nMARY_SMITHSON\n\t[ABCGOV 20150101-20200101]\n', 'test');
    expect(codeAt(dict.entries[1]!, '2016-01-01').code).toBe('ABCGOV');
  });
});

describe('entities: roles read from the text', () => {
  it('codes an unknown official from the title and nationality before the name', () => {
    const { named } = run('Brazilian Foreign Minister Jonas Pereira-Lima called for calm.', '2022-01-10');
    expect(named('Jonas Pereira-Lima')?.actor).toMatchObject({ code: 'BRAGOV', country: 'BRA', sector: 'GOV', role: 'Foreign Minister' });
  });
  it('codes an unknown official from an appositive after the name', () => {
    const { named } = run('Tomas Vrbensky, the Czech foreign minister, arrived on Monday.', '2022-01-10');
    expect(named('Tomas Vrbensky')?.actor).toMatchObject({ code: 'CZEGOV', country: 'CZE', sector: 'GOV', role: 'foreign minister' });
  });
  it('codes peoples with a group noun as group actors', () => {
    const { named } = run('Russian troops crossed the river at dawn.', '2022-01-10');
    expect(named('Russian troops')?.actor).toMatchObject({ code: 'RUSMIL', country: 'RUS', sector: 'MIL' });
  });
  it('codes "pro-X" rebels by the country they fight in', () => {
    const { named } = run('Shelling hit a village held by pro-Serbian rebels in northern Kosovo overnight.', '2022-01-10');
    expect(named('pro-Serbian rebels')?.actor).toMatchObject({ code: 'UNKREB', country: 'UNK', sector: 'REB' });
  });
});

describe('entities: user dictionaries', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casus-actors-'));
  it('reads a JSON dictionary in Casus format and prefers it over the bundled one', () => {
    const path = join(dir, 'mine.json');
    writeFileSync(path, JSON.stringify({ about: 'test', source: 'test', licence: 'MIT', format: 'casus actors', actors: [
      { name: 'Northwind Shipping', type: 'ORG', aliases: ['Northwind'], code: 'NORBUS' },
      { name: 'Ada Quill', type: 'PERSON', offices: [['GBRLEG', 'Member of Parliament', '2019-12-12', null]] },
    ] }));
    const stage = createEntitiesStage({ actors: [loadActorFile(path)] });
    const { named } = run('Ada Quill criticised Northwind Shipping on Friday. Northwind declined to comment.', '2023-02-03', stage);
    expect(named('Northwind Shipping')?.actor).toMatchObject({ code: 'NORBUS', country: 'NOR', sector: 'BUS' });
    expect(named('Northwind Shipping')?.mentions).toHaveLength(2);
    expect(named('Ada Quill')?.actor).toMatchObject({ code: 'GBRLEG', role: 'Member of Parliament' });
  });
  it('imports a PETRARCH actor dictionary with dated codes', () => {
    const path = join(dir, 'petr.txt');
    writeFileSync(path, '<!-- test -->\nGRETA_VALLMARK  # a test actor\n+VALLMARK\n\t[SWEOPP <20180101]\n\t[SWEGOV >20180101]\nBALTIC_WATCH [NGOENV] # pas\n');
    const dict = loadActorFile(path);
    const stage = createEntitiesStage({ actors: [dict] });
    expect(run('Greta Vallmark praised Baltic Watch.', '2017-06-01', stage).named('Greta Vallmark')?.actor?.code).toBe('SWEOPP');
    const after = run('Greta Vallmark praised Baltic Watch.', '2019-06-01', stage);
    expect(after.named('Greta Vallmark')?.actor?.code).toBe('SWEGOV');
    expect(after.named('Baltic Watch')?.actor?.code).toBe('NGOENV');
  });
  it('names the line of a malformed PETRARCH entry', () => {
    expect(() => parsePetrarchActors('+ORPHAN\n', 'bad.txt')).toThrow(/bad\.txt:1/);
  });
});

describe('entities: pronouns', () => {
  it('resolves he/his to the person and it to the organisation', () => {
    const { doc, named } = run('Mr. Harlan Oduya joined the Lagos Port Authority in May. He said his goal was growth. It had lost money for years.', '2022-01-10');
    const at = (w: string, from = 0) => { const i = doc.text.indexOf(w, from); return { start: i, end: i + w.length }; };
    expect(resolvePronoun(doc, at('He'))).toBe(named('Harlan Oduya')!.id);
    expect(resolvePronoun(doc, at('his'))).toBe(named('Harlan Oduya')!.id);
    expect(resolvePronoun(doc, at('It'))).toBe(named('Lagos Port Authority')!.id);
    expect(resolvePronoun(doc, at('growth'))).toBeNull();
  });
});
