/**
 * Loader for the quotation cue lexicon (data/quote-cues.json): speech and thought verbs with their
 * word forms, prepositional cues, speaking documents, media nouns and platforms; zod-validated, loaded once.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { dataPath } from './data-path.js';

const QuoteCuesFileSchema = z.object({
  about: z.string(),
  source: z.string(),
  licence: z.string(),
  format: z.string(),
  verbs: z.array(z.array(z.string().min(1)).min(1)),
  objectVerbs: z.array(z.string().min(1)),
  thoughtVerbs: z.array(z.string().min(1)),
  nounContentVerbs: z.array(z.string().min(1)),
  clauseVerbs: z.array(z.string().min(1)),
  prepositions: z.array(z.string().min(1)),
  documents: z.record(z.string().min(1), z.string().min(1)),
  media: z.array(z.string().min(1)),
  platforms: z.array(z.string().min(1)),
});

export interface VerbCue {
  /** Base form ("say"). */
  base: string;
  /** Takes a hearer before the content ("told reporters that …"). */
  object: boolean;
  /** A thought or weak verb: only a cue with an explicit that-clause or a quotation after it. */
  thought: boolean;
  /** Its content may be a noun phrase or an infinitive ("criticized the plan", "refused to answer"). */
  nounContent: boolean;
  /** A thought verb that also takes a bare clause ("thinks he will win"). */
  clause: boolean;
}

/** Multi-word entries as lower-case word lists, indexed by their first word. */
export type PhraseIndex = Map<string, string[][]>;

export interface QuoteCues {
  /** Every word form of a verb cue (lower case) to its entry; multi-word forms sit in verbPhrases. */
  verbs: Map<string, VerbCue>;
  verbPhrases: PhraseIndex;
  prepositions: PhraseIndex;
  /** Document nouns (lower case, possibly several words) to the channel they name. */
  documents: Map<string, string>;
  documentPhrases: PhraseIndex;
  media: Set<string>;
  mediaPhrases: PhraseIndex;
  /** Platform names, lower case to the spelling we report. */
  platforms: Map<string, string>;
  platformPhrases: PhraseIndex;
}

/** Regular English inflections of a base verb: -s, -ed, -ing. */
export function regularForms(base: string): string[] {
  const s = /(s|sh|ch|x|z)$/.test(base) ? `${base}es` : `${base}s`;
  const ed = base.endsWith('e') ? `${base}d` : `${base}ed`;
  const ing = base.endsWith('ee') ? `${base}ing` : base.endsWith('e') ? `${base.slice(0, -1)}ing` : `${base}ing`;
  return [base, s, ed, ing];
}

function addPhrase(index: PhraseIndex, phrase: string): void {
  const words = phrase.toLowerCase().split(/\s+/);
  const list = index.get(words[0]!) ?? [];
  list.push(words);
  index.set(words[0]!, list);
}

export function parseQuoteCues(json: string, where: string): QuoteCues {
  const parsed = QuoteCuesFileSchema.safeParse(JSON.parse(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${where}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const f = parsed.data;
  const object = new Set(f.objectVerbs);
  const thought = new Set(f.thoughtVerbs);
  const nounContent = new Set(f.nounContentVerbs);
  const clause = new Set(f.clauseVerbs);
  const out: QuoteCues = {
    verbs: new Map(), verbPhrases: new Map(), prepositions: new Map(), documents: new Map(),
    documentPhrases: new Map(), media: new Set(), mediaPhrases: new Map(), platforms: new Map(), platformPhrases: new Map(),
  };
  for (const entry of f.verbs) {
    const base = entry[0]!;
    const cue: VerbCue = { base, object: object.has(base), thought: thought.has(base), nounContent: nounContent.has(base), clause: clause.has(base) };
    const forms = entry.length === 1 && !base.includes(' ') ? regularForms(base) : entry;
    for (const form of forms) {
      if (form.includes(' ')) addPhrase(out.verbPhrases, form);
      else out.verbs.set(form.toLowerCase(), cue);
    }
    if (forms !== entry) continue;
    for (const form of forms) if (form.includes(' ')) out.verbs.set(form.toLowerCase(), cue);
  }
  for (const p of f.prepositions) addPhrase(out.prepositions, p);
  for (const [noun, channel] of Object.entries(f.documents)) {
    out.documents.set(noun.toLowerCase(), channel);
    if (noun.includes(' ')) addPhrase(out.documentPhrases, noun);
  }
  for (const m of f.media) {
    out.media.add(m.toLowerCase());
    if (m.includes(' ')) addPhrase(out.mediaPhrases, m);
  }
  for (const p of f.platforms) {
    out.platforms.set(p.toLowerCase(), p);
    if (p.includes(' ')) addPhrase(out.platformPhrases, p);
  }
  return out;
}

let cues: QuoteCues | undefined;

/** The bundled lexicon, loaded on first use. */
export function defaultQuoteCues(): QuoteCues {
  if (!cues) {
    const path = dataPath('quote-cues.json');
    cues = parseQuoteCues(readFileSync(path, 'utf8'), path);
  }
  return cues;
}
