/**
 * `npm run train -- <model> [options]`: retrains one committed model from ../shared/data.
 * One file per model: train/<model>.ts exporting `run(args)`.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const models = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts' && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

const [model, ...args] = process.argv.slice(2);
if (!model || !models.includes(model)) {
  console.error(`usage: npm run train -- <model>\nmodels: ${models.join(', ') || '(none yet)'}`);
  process.exitCode = 2;
} else {
  const mod = (await import(`./${model}.ts`)) as { run(args: string[]): Promise<void> };
  await mod.run(args);
}
