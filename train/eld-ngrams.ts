/**
 * `npm run train -- eld-ngrams`: copies the n-gram table, byte dictionary, word-separator pattern
 * and average scores of the installed eld package's 'extrasmall' build into
 * src/resources/data/eld-ngrams.bin, the compact form the language stage loads (nothing is trained).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dataPath } from '../src/resources/data-path.js';
import { parseEldNgrams, serializeEldNgrams } from '../src/resources/eld-ngrams.js';
import type { EldSource } from '../src/resources/eld-ngrams.js';

/** eld's own source files (its package exports only the detector entries, so by path). */
const ELD = join(dirname(fileURLToPath(import.meta.url)), '../node_modules/eld');
const eldFile = (rel: string) => pathToFileURL(join(ELD, 'src', rel)).href;

export async function run(): Promise<void> {
  const version = (JSON.parse(readFileSync(join(ELD, 'package.json'), 'utf8')) as { version: string }).version;
  const { ngramsData } = (await import(eldFile('ngrams/extrasmall.js'))) as { ngramsData: { type: string; languages: Record<string, string>; ngrams: EldSource } };
  const { dictionary } = (await import(eldFile('dictionary.js'))) as { dictionary: string[] };
  const { separators } = (await import(eldFile('regexPatterns.js'))) as { separators: RegExp };
  const { avgScore } = (await import(eldFile('avgScore.js'))) as { avgScore: Record<string, number> };
  // eld adds a constant to every stored score in its code, not its data: read it from there.
  const base = /baseNgramScore = (\d+)/.exec(readFileSync(join(ELD, 'src/languageDetector.js'), 'utf8'));
  if (!base) throw new Error('eld: baseNgramScore not found in languageDetector.js');
  const languages = Object.keys(ngramsData.languages).map(Number).sort((a, b) => a - b);
  if (languages.some((l, i) => l !== i)) throw new Error('eld languages are not numbered 0..n-1');
  const bytes = serializeEldNgrams({
    about: "eld's 'extrasmall' language-detection n-gram table, for the language stage (src/stages/language/eld-detector.ts)",
    source: `eld ${version} (https://github.com/nitotm/efficient-language-detector-js), src/ngrams/extrasmall.js, dictionary.js, regexPatterns.js, avgScore.js; copied by npm run train -- eld-ngrams`,
    licence: 'Apache-2.0 (Copyright 2023 Nito T.M.)',
    format: 'this JSON line (space-padded to 4 bytes), the hash table (slots × int32 LE: n-gram index + 1, FNV-1a of the key bytes, linear probing), n+1 key offsets (u32 LE), n+1 pair offsets (u32 LE), the keys (Latin-1), the pairs\' languages (u8), the pairs\' scores (u8)',
    type: ngramsData.type,
    languages: languages.map((l) => ngramsData.languages[l]!),
    avgScore,
    dictionary: dictionary.join(''),
    separators: [separators.source, separators.flags],
    baseScore: Number(base[1]),
  }, ngramsData.ngrams);
  const path = dataPath('eld-ngrams.bin');
  parseEldNgrams(bytes, path);
  writeFileSync(path, bytes);
  console.log(`${path}: ${(bytes.length / 1e3).toFixed(0)} kB, ${Object.keys(ngramsData.ngrams).length} n-grams`);
}
