/**
 * Loader for the CAMEO codebook (data/cameo-codebook.json): every event code with its label,
 * root, quad class, Goldstein score and PLOVER category; validated with zod, loaded once.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { dataPath } from './data-path.js';

const PloverCategories = [
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
] as const;

const Row = z.tuple([
  z.string().regex(/^(0[1-9]|1\d|20)\d{0,2}$/),
  z.string().min(1),
  z.number().min(-10).max(10),
  z.enum(PloverCategories).nullable(),
]);

const CodebookFileSchema = z.object({
  about: z.string(),
  source: z.string(),
  licence: z.string(),
  format: z.string(),
  codes: z.array(Row).min(20),
});

export interface CameoCode {
  code: string;
  label: string;
  /** Two-digit root ("04"). */
  root: string;
  /** 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
  quadClass: 1 | 2 | 3 | 4;
  goldstein: number;
  plover: string | null;
}

export interface CameoCodebook {
  readonly codes: ReadonlyMap<string, CameoCode>;
  /** The code's record, or undefined for a code CAMEO does not have. */
  get(code: string): CameoCode | undefined;
}

export function quadClassOf(root: string): 1 | 2 | 3 | 4 {
  const r = Number(root);
  return r <= 4 ? 1 : r <= 8 ? 2 : r <= 13 ? 3 : 4;
}

/** Parses a codebook file; errors name the row. */
export function parseCodebook(json: string, where: string): CameoCodebook {
  const parsed = CodebookFileSchema.safeParse(JSON.parse(json));
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`${where}: ${i.path.join('.')}: ${i.message}`);
  }
  const codes = new Map<string, CameoCode>();
  for (const [code, label, goldstein, plover] of parsed.data.codes) {
    if (codes.has(code)) throw new Error(`${where}: code ${code} listed twice`);
    const root = code.slice(0, 2);
    codes.set(code, { code, label, root, quadClass: quadClassOf(root), goldstein, plover });
  }
  for (const code of codes.keys()) {
    if (code.length > 2 && !codes.has(code.slice(0, code.length === 4 ? 3 : 2)) && !codes.has(code.slice(0, 2))) {
      throw new Error(`${where}: code ${code} has no parent`);
    }
  }
  return { codes, get: (c) => codes.get(c) };
}

let cached: CameoCodebook | undefined;

/** The bundled CAMEO 1.1b3 codebook. */
export function defaultCodebook(): CameoCodebook {
  cached ??= parseCodebook(readFileSync(dataPath('cameo-codebook.json'), 'utf8'), 'cameo-codebook.json');
  return cached;
}
