/**
 * The `npm run build` step that makes `casus` start fast: bundles the compiled CLI (dist/cli/main.js
 * and what it imports, npm packages included) in place, one chunk per command, with rolldown.
 */
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
import { launcherHeader, launcherOf, machineFacts, setLauncher } from './launcher.js';

/** Packages left to Node's loader: native bindings located relative to their own files. */
const EXTERNAL = ['better-sqlite3'];
const PLACEHOLDER = '__casusModuleUrl__';

/**
 * Module resolution and loading of ~300 files was a fifth of a cold start's CPU. Every module
 * keeps its own `import.meta.url` (the compiled file it came from, which stays in dist/), so data
 * paths, start-up caches and their digests, the analyze pool's worker and the dashboard resolve
 * exactly as unbundled. Returns the files written.
 */
export async function bundleCli(dist: string): Promise<string[]> {
  const entry = join(dist, 'cli', 'main.js');
  if (readFileSync(entry, 'utf8').includes('./chunks/')) throw new Error(`${entry} is already bundled: run tsc first (npm run build)`);
  const inDist = (id: string) => id.startsWith(dist + sep) && !id.includes(`${sep}node_modules${sep}`);
  const bundle = await rolldown({
    input: entry,
    platform: 'node',
    external: EXTERNAL,
    logLevel: 'warn',
    plugins: [{
      name: 'casus-module-url',
      // The module's own URL, as a path relative to dist/ until the chunk it lands in is known.
      transform(code, id) {
        if (!inDist(id) || !code.includes('import.meta.url')) return null;
        return { code: code.replaceAll('import.meta.url', `${PLACEHOLDER}(${JSON.stringify(relative(dist, id))})`), map: null };
      },
      renderChunk(code, chunk) {
        const from = dirname(join(dist, chunk.fileName));
        const url = (rel: string) => `new URL(${JSON.stringify(relative(from, join(dist, rel)).split(sep).join('/'))}, import.meta.url).href`;
        return { code: code.replace(new RegExp(`${PLACEHOLDER}\\("([^"]+)"\\)`, 'g'), (_, rel: string) => url(rel)), map: null };
      },
    }],
  });
  // Chunk names carry a content hash: last build's chunks go first.
  rmSync(join(dist, 'cli', 'chunks'), { recursive: true, force: true });
  const out = await bundle.write({ dir: dist, format: 'esm', entryFileNames: 'cli/main.js', chunkFileNames: 'cli/chunks/[name]-[hash].js' });
  await bundle.close();
  setLauncher(entry, launcherHeader(machineFacts()));
  return out.output.map((o) => o.fileName);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dist = join(dirname(fileURLToPath(import.meta.url)), '..');
  const files = await bundleCli(dist);
  console.log(`casus CLI bundled: ${files.length} files (dist/cli/main.js, dist/cli/chunks/); launcher: ${launcherOf(join(dist, 'cli', 'main.js'))}`);
}
