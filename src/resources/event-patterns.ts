/**
 * Event patterns (data/event-patterns.json, user files of the same format, imported PETRARCH
 * verb dictionaries): parsed from their one-line notation into matchable records, validated with zod.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { CameoCodebook } from './cameo-codebook.js';
import { defaultCodebook } from './cameo-codebook.js';
import { dataPath } from './data-path.js';

/** One alternative of a word group: a phrase of words; a word ending in * matches as a prefix. */
export type Phrase = readonly string[];

export interface EventPattern {
  /** The pattern as written, quoted in each event's `why`. */
  readonly text: string;
  readonly code: string;
  readonly pos: 'v' | 'n';
  /** Trigger lemma words in order (lower case). */
  readonly trigger: readonly string[];
  /** Groups that must each be found after the trigger, in the clause. */
  readonly after: readonly (readonly Phrase[])[];
  /** A group of which one must be found just before the trigger, or null. */
  readonly before: readonly Phrase[] | null;
  /** Alternatives that must not follow the trigger in the clause. */
  readonly not: readonly Phrase[];
  /** Where it came from: "casus", a file name, "petrarch:<file>". */
  readonly origin: string;
  /** More groups that must all be found before the trigger (PETRARCH patterns with several words before "*"). */
  readonly beforeAll?: readonly (readonly Phrase[])[];
  /** PETRARCH "WITH +": the target is the first actor after this word. */
  readonly targetAfter?: string;
  /** PETRARCH "[032:033]": the target does `reverseCode` to the source at the same time. */
  readonly reverseCode?: string;
  /** PETRARCH "%": the pattern applies only when the subject (or object) is a coordination. */
  readonly compound?: 'subject' | 'object';
  /** Extra forms of the trigger's first word (irregular forms listed by a PETRARCH dictionary). */
  readonly forms?: readonly string[];
}

export interface EventPatternSet {
  readonly patterns: readonly EventPattern[];
}

const PATTERN_RE = /^(v|n):([a-z][a-z' -]*?)((?: \.\.\. [^<!=]+?)*)(?: < ([^!=]+?))?(?: ! ([^=]+?))? => (\d{2,4})$/;

function group(s: string): Phrase[] {
  return s.split('|').map((a) => a.trim().toLowerCase().split(/\s+/)).filter((a) => a.length > 0 && a[0] !== '');
}

/**
 * Parses one pattern line. Throws with the reason when it is malformed or names an unknown code.
 * @example
 * parsePattern('v:threaten ... sanction*|embargo => 1312', 'x', defaultCodebook()).after // [[['sanction*'],['embargo']]]
 */
export function parsePattern(line: string, origin: string, codebook: CameoCodebook): EventPattern {
  const m = PATTERN_RE.exec(line.trim());
  if (!m) throw new Error(`${origin}: cannot read pattern "${line}" (expected "v:verb ... word|word => CODE")`);
  const code = m[6]!;
  if (!codebook.get(code)) throw new Error(`${origin}: pattern "${line}" names ${code}, which is not a CAMEO code`);
  const after = (m[3] ?? '').split(' ... ').map((g) => g.trim()).filter(Boolean).map(group);
  return {
    text: line.trim(),
    code,
    pos: m[1] as 'v' | 'n',
    trigger: m[2]!.trim().split(/\s+/),
    after,
    before: m[4] ? group(m[4]) : null,
    not: m[5] ? group(m[5]) : [],
    origin,
  };
}

const PatternFileSchema = z.object({
  about: z.string(),
  source: z.string(),
  licence: z.string(),
  format: z.string(),
  patterns: z.record(z.string().regex(/^(0[1-9]|1\d|20)$/), z.array(z.string().min(5))),
});

/** Parses a pattern file; errors name the root and line. */
export function parseEventPatternFile(json: string, where: string, codebook: CameoCodebook = defaultCodebook()): EventPatternSet {
  const parsed = PatternFileSchema.safeParse(JSON.parse(json));
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`${where}: ${i.path.join('.')}: ${i.message}`);
  }
  const patterns: EventPattern[] = [];
  for (const [root, lines] of Object.entries(parsed.data.patterns)) {
    lines.forEach((line, i) => {
      const p = parsePattern(line, `${where} patterns.${root}[${i}]`, codebook);
      if (p.code.slice(0, 2) !== root) throw new Error(`${where} patterns.${root}[${i}]: code ${p.code} is not under root ${root}`);
      patterns.push({ ...p, origin: where });
    });
  }
  return { patterns };
}

/** Reads a user pattern file (same format as the bundled one). */
export function loadEventPatternFile(path: string): EventPatternSet {
  return parseEventPatternFile(readFileSync(path, 'utf8'), path);
}

/** User sets first: on equal specificity the earlier pattern wins, so user patterns override. */
export function mergePatternSets(sets: readonly EventPatternSet[]): EventPatternSet {
  return { patterns: sets.flatMap((s) => s.patterns) };
}

let cached: EventPatternSet | undefined;

/** The bundled patterns. */
export function defaultEventPatterns(): EventPatternSet {
  cached ??= parseEventPatternFile(readFileSync(dataPath('event-patterns.json'), 'utf8'), 'event-patterns.json');
  return cached;
}

let lemmas: ReadonlySet<string> | undefined;

/**
 * The lemmas that can open a bundled event trigger (lower case; the first word of verb patterns,
 * every word of noun patterns), for stages that only need to look closely at sentences which
 * may hold an event (the syntax stage's parse gate).
 * @example triggerLemmas().has('threaten') // true
 */
export function triggerLemmas(set: EventPatternSet = defaultEventPatterns()): ReadonlySet<string> {
  if (set === cached && lemmas) return lemmas;
  const out = new Set<string>();
  for (const p of set.patterns) {
    if (p.pos === 'v') out.add(p.trigger[0]!);
    else for (const w of p.trigger) out.add(w);
  }
  if (set === cached) lemmas = out;
  return out;
}
