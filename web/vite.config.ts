/**
 * Vite build of the dashboard: web/ → dist/web, everything bundled (no CDN, no tile server);
 * the world map geometry is a lazily loaded chunk so the first page stays small.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  // The JSON geometry is parsed with JSON.parse at run time: faster and smaller than an object literal.
  json: { stringify: true },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev:web` proxies the API to a running `casus serve` (default port 8080).
    proxy: { '/api': process.env.CASUS_API ?? 'http://127.0.0.1:8080' },
  },
});
