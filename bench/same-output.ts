/**
 * `tsx bench/same-output.ts`: do the sources still give the same documents, byte for byte? For speed
 * work that must not change a single annotation. Analyses the bench corpus (PolNeAR train texts,
 * sorted, batches of BATCH as the product runs) and writes one line per article: its name and a
 * hash of each public layer (and of the tokens). `--save=FILE` keeps the hashes (run it before the
 * change); `--compare=FILE` runs again and names the articles and layers that differ.
 * Options: --limit=N (texts), --one (one by one instead of batches; must give the same lines).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataSet } from '../eval/shared-data.js';
import { analyzeWorking, analyzeWorkingBatch, BATCH } from '../src/analyze.js';
import { toPublicDocument } from '../src/pipeline/build-pipeline.js';
import type { WorkingDocument } from '../src/pipeline/stage.js';

const args = process.argv.slice(2);
const arg = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const dir = dataSet('polnear/train/text');
if (!dir) {
  console.log('same-output: ../shared/data/polnear/train/text is absent (set CASUS_DATA); nothing to compare');
  process.exit(0);
}
const names = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().slice(0, Number(arg('limit') ?? Infinity));
const texts = names.map((f) => readFileSync(join(dir, f), 'utf8'));

const hash = (value: unknown) => createHash('sha1').update(JSON.stringify(value) ?? 'undefined').digest('hex').slice(0, 12);
function line(name: string, doc: WorkingDocument): string {
  const pub = toPublicDocument(doc) as unknown as Record<string, unknown>;
  const layers = Object.keys(pub).sort().map((k) => `${k}=${hash(pub[k])}`);
  const t = doc.tokens;
  layers.push(`tokens=${hash(t ? [Array.from(t.start), Array.from(t.end), Array.from(t.sentence)] : null)}`);
  return `${name} ${layers.join(' ')}`;
}

const lines: string[] = [];
if (args.includes('--one')) {
  texts.forEach((text, i) => lines.push(line(names[i]!, analyzeWorking(text))));
} else {
  for (let i = 0; i < texts.length; i += BATCH) {
    analyzeWorkingBatch(texts.slice(i, i + BATCH)).forEach((r, j) => {
      lines.push(r.ok ? line(names[i + j]!, r.doc) : `${names[i + j]} error=${String(r.error)}`);
    });
  }
}

const save = arg('save');
const compare = arg('compare');
if (save) {
  writeFileSync(save, lines.join('\n') + '\n');
  console.log(`same-output: ${lines.length} articles hashed into ${save}`);
}
if (compare) {
  const before = new Map(readFileSync(compare, 'utf8').trim().split('\n').map((l) => [l.split(' ')[0]!, l] as const));
  const byLayer = new Map<string, number>();
  let differ = 0;
  for (const l of lines) {
    const name = l.split(' ')[0]!;
    const old = before.get(name);
    if (old === l) continue;
    differ++;
    const was = new Set(old?.split(' ').slice(1) ?? []);
    const layers = l.split(' ').slice(1).filter((x) => !was.has(x)).map((x) => x.split('=')[0]!);
    for (const layer of layers) byLayer.set(layer, (byLayer.get(layer) ?? 0) + 1);
    if (differ <= 20) console.log(`differs: ${name} (${old ? layers.join(', ') : 'not in the saved file'})`);
  }
  const summary = [...byLayer].map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`same-output: ${differ} of ${lines.length} articles differ from ${compare}${differ ? ` (by layer: ${summary})` : ''}`);
  process.exitCode = differ ? 1 : 0;
}
if (!save && !compare) console.log(lines.join('\n'));
