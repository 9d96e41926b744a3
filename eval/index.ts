/**
 * `npm run eval -- <layer> [options]`: scores one extraction layer against its gold data set in
 * ../shared/data and prints the same table every time. One file per layer: eval/<layer>.ts.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const layers = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !['index.ts', 'shared-data.ts'].includes(f) && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

const [layer, ...args] = process.argv.slice(2);
if (!layer || !layers.includes(layer)) {
  console.error(`usage: npm run eval -- <layer>\nlayers: ${layers.join(', ')}`);
  process.exitCode = 2;
} else {
  const mod = (await import(`./${layer}.ts`)) as { run(args: string[]): Promise<void> };
  await mod.run(args);
}
