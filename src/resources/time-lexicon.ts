/**
 * Loader for the temporal lexicon (data/time-lexicon.json): calendar and number words, TIMEX3 units,
 * seasons, parts of day, holidays, mods, numeric-date orders by region; validated with zod, loaded once.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { dataPath } from './data-path.js';

const NameLists = z.record(z.string(), z.array(z.array(z.string().min(1))));

const TimeLexiconSchema = z.object({
  about: z.string(),
  source: z.string(),
  licence: z.string(),
  format: z.string(),
  months: NameLists.refine((r) => Object.values(r).every((l) => l.length === 12), 'every language lists 12 months'),
  weekdays: NameLists.refine((r) => Object.values(r).every((l) => l.length === 7), 'every language lists 7 weekdays'),
  numbers: z.record(z.string(), z.number()),
  ordinals: z.record(z.string(), z.number().int().positive()),
  units: z.record(z.string(), z.string()),
  seasons: z.record(z.string(), z.enum(['SP', 'SU', 'FA', 'WI'])),
  dayParts: z.record(z.string(), z.enum(['MO', 'AF', 'EV', 'NI'])),
  holidays: z.record(z.string(), z.string().regex(/^(\d\d-\d\d|\d\d:[1-7]:-?\d(?:[+-]\d+)?|E(?:[+-]\d+)?)$/)),
  mods: z.record(z.string(), z.string()),
  numericDates: z.object({
    monthFirstRegions: z.array(z.string().regex(/^[a-z]{2}$/)),
    mixedRegions: z.array(z.string().regex(/^[a-z]{2}$/)),
    genericDomains: z.array(z.string().regex(/^[a-z]{2}$/)),
  }),
});
export type TimeLexicon = z.infer<typeof TimeLexiconSchema>;

export function parseTimeLexicon(json: string, where: string): TimeLexicon {
  const parsed = TimeLexiconSchema.safeParse(JSON.parse(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${where}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

let lexicon: TimeLexicon | undefined;

/** The bundled lexicon, loaded on first use. */
export function defaultTimeLexicon(): TimeLexicon {
  if (!lexicon) {
    const path = dataPath('time-lexicon.json');
    lexicon = parseTimeLexicon(readFileSync(path, 'utf8'), path);
  }
  return lexicon;
}
