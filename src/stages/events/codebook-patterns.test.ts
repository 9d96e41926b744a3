import { describe, expect, it } from 'vitest';
import { defaultCodebook, parseCodebook } from '../../resources/cameo-codebook.js';
import { defaultEventPatterns, parseEventPatternFile, parsePattern, triggerLemmas } from '../../resources/event-patterns.js';
import { parsePetrarchVerbs } from '../../resources/petrarch-verbs.js';
import { nounForms, verbForms } from './inflect.js';

describe('CAMEO codebook', () => {
  const cb = defaultCodebook();
  it('has every root 01-20 with labels, quad classes, Goldstein scores', () => {
    for (let r = 1; r <= 20; r++) expect(cb.get(String(r).padStart(2, '0'))).toBeDefined();
    expect(cb.get('041')).toMatchObject({ label: 'Discuss by telephone', root: '04', quadClass: 1, goldstein: 1, plover: 'CONSULT' });
    expect(cb.get('190')).toMatchObject({ root: '19', quadClass: 4, goldstein: -10, plover: 'ASSAULT' });
    expect(cb.get('1313')).toMatchObject({ root: '13', quadClass: 3, plover: 'THREATEN' });
    expect(cb.get('057')?.plover).toBe('AGREE');
    expect(cb.get('010')?.plover).toBeNull();
    expect(cb.codes.size).toBeGreaterThan(280);
  });
  it('rejects a duplicate or malformed code and names it', () => {
    const head = { about: '', source: '', licence: '', format: '' };
    const rows = Array.from({ length: 20 }, (_, i) => [String(i + 1).padStart(2, '0'), 'x', 0, null]);
    expect(() => parseCodebook(JSON.stringify({ ...head, codes: [...rows, ['01', 'y', 0, null]] }), 'f')).toThrow(/01 listed twice/);
    expect(() => parseCodebook(JSON.stringify({ ...head, codes: [...rows, ['21', 'y', 0, null]] }), 'f')).toThrow(/^f: codes\.20/);
  });
});

describe('event patterns', () => {
  const cb = defaultCodebook();
  it('cover every root and the sub-codes the issue names', () => {
    const codes = new Set(defaultEventPatterns().patterns.map((p) => p.code));
    const roots = new Set([...codes].map((c) => c.slice(0, 2)));
    for (let r = 1; r <= 20; r++) expect(roots.has(String(r).padStart(2, '0'))).toBe(true);
    for (const c of ['036', '041', '042', '0256', '1056', '111', '125', '1313', '138', '154', '163', '172', '190']) expect(codes.has(c)).toBe(true);
  });
  it('list the lemmas that may open a trigger, for the syntax stage\'s parse gate', () => {
    const l = triggerLemmas();
    for (const w of ['threaten', 'discuss', 'annexation', 'call', 'phone']) expect(l.has(w)).toBe(true);
    expect(l.has('weather')).toBe(false);
    expect(triggerLemmas()).toBe(l);
  });
  it('parse the one-line notation', () => {
    const p = parsePattern('v:threaten ... rupture|break off ... relation*|ties < openly ! not => 1313', 'x', cb);
    expect(p).toMatchObject({ pos: 'v', trigger: ['threaten'], code: '1313', before: [['openly']], not: [['not']] });
    expect(p.after).toEqual([[['rupture'], ['break', 'off']], [['relation*'], ['ties']]]);
  });
  it('refuse unknown codes, codes under the wrong root and malformed lines', () => {
    expect(() => parsePattern('v:talk => 999', 'x', cb)).toThrow(/not a CAMEO code/);
    expect(() => parsePattern('talk => 041', 'x', cb)).toThrow(/cannot read/);
    const file = (patterns: object) => JSON.stringify({ about: '', source: '', licence: '', format: '', patterns });
    expect(() => parseEventPatternFile(file({ '04': ['v:threaten => 130'] }), 'user.json', cb)).toThrow(/user.json patterns.04\[0\]: code 130 is not under root 04/);
    expect(parseEventPatternFile(file({ '04': ['v:chat ... phone => 041'] }), 'user.json', cb).patterns[0]!.origin).toBe('user.json');
  });
  it('inflect lemmas', () => {
    expect(verbForms('threaten')).toEqual(expect.arrayContaining(['threatens', 'threatened', 'threatening']));
    expect(verbForms('speak')).toEqual(expect.arrayContaining(['spoke', 'spoken', 'speaks']));
    expect(verbForms('ban')).toEqual(expect.arrayContaining(['banned', 'banning']));
    expect(verbForms('urge')).toEqual(expect.arrayContaining(['urged', 'urging', 'urges']));
    expect(nounForms('demand')).toEqual(['demand', 'demands']);
  });
});

describe('PETRARCH verb dictionary import', () => {
  const dict = [
    '&TIES', '+RELATIONS', '+DIPLOMATIC_TIES', '',
    '--- RESTORE  [064]  ---', 'RESTORE  # comment', '- NOT * RELATIONS  [112]', '- * &TIES  [065]', '- * FULL  [xxy]', '',
    '--- BAN [---] ---', 'BAN {BANS BANNED}', '- * RALLY [172]', '',
  ].join('\n');
  const set = parsePetrarchVerbs(dict, 'test.verbs');
  it('reads verbs, forms, synsets and patterns, skipping invalid codes', () => {
    const texts = set.patterns.map((p) => `${p.trigger.join(' ')}:${p.code}`);
    expect(texts).toEqual(['restore:064', 'restore:112', 'restore:065', 'ban:172']);
    const neg = set.patterns.find((p) => p.code === '112')!;
    expect(neg.before).toEqual([['not']]);
    expect(set.patterns.find((p) => p.code === '065')!.after).toEqual([[['relations'], ['diplomatic', 'ties']]]);
    expect(set.patterns.find((p) => p.code === '172')!.forms).toEqual(['bans', 'banned']);
  });
});
