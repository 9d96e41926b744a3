/**
 * Loader for boilerplate line patterns (data/boilerplate-patterns.json, or a user's file of the
 * same shape): validated with zod, compiled once, errors name the entry that is wrong.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { RegionKindSchema } from '../core/document.js';
import { dataPath } from './data-path.js';
import type { RegionKind } from '../core/document.js';

const PatternFileSchema = z.object({
  about: z.string(),
  source: z.string(),
  licence: z.string(),
  format: z.string(),
  patterns: z.array(z.object({
    name: z.string(),
    kind: RegionKindSchema,
    pattern: z.string(),
    flags: z.string().optional(),
    maxWords: z.number().int().positive().optional(),
  })),
});

export interface BoilerplatePattern {
  name: string;
  kind: RegionKind;
  regex: RegExp;
  maxWords: number;
}

export function parseBoilerplatePatterns(json: string, where: string): BoilerplatePattern[] {
  const parsed = PatternFileSchema.safeParse(JSON.parse(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${where}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data.patterns.map((p, i) => {
    try {
      return { name: p.name, kind: p.kind, regex: new RegExp(p.pattern, p.flags), maxWords: p.maxWords ?? Infinity };
    } catch (e) {
      throw new Error(`${where}: patterns.${i} (${p.name}): ${(e as Error).message}`);
    }
  });
}

let defaults: BoilerplatePattern[] | undefined;

/** The bundled patterns, loaded once on first use. */
export function defaultBoilerplatePatterns(): BoilerplatePattern[] {
  if (!defaults) {
    const path = dataPath('boilerplate-patterns.json');
    defaults = parseBoilerplatePatterns(readFileSync(path, 'utf8'), path);
  }
  return defaults;
}
