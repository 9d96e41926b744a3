/**
 * `npm run bench`: the whole pipeline over a fixed corpus (the PolNeAR train texts in
 * ../shared/data/polnear/train/text, sorted by name), on one core: documents/second, MB/second,
 * tokens/second and peak RSS. Options: --limit=N, --repeat=N.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { analyzeWorking } from '../src/analyze.js';
import { dataSet } from '../eval/shared-data.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);

const dir = dataSet('polnear/train/text');
if (dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().slice(0, opt('limit', Infinity));
  const texts = files.map((f) => readFileSync(`${dir}/${f}`, 'utf8'));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const loadStart = performance.now();
  analyzeWorking('Warm-up. Loads every resource once.', { format: 'text' });
  const loadMs = performance.now() - loadStart;
  const repeat = opt('repeat', 1);
  let tokens = 0;
  const start = performance.now();
  for (let k = 0; k < repeat; k++) {
    for (const text of texts) tokens += analyzeWorking(text, { format: 'text' }).tokens?.length ?? 0;
  }
  const seconds = (performance.now() - start) / 1000;
  const docs = texts.length * repeat;
  console.log(`bench · whole pipeline · ${texts.length} PolNeAR train articles × ${repeat}, one core`);
  console.log(`resources load ${loadMs.toFixed(0)} ms`);
  console.log(`${(docs / seconds).toFixed(1)} documents/s  ${((bytes * repeat) / 1e6 / seconds).toFixed(2)} MB/s  ${(tokens / seconds / 1000).toFixed(0)}k tokens/s`);
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}
