/**
 * Serves the built dashboard from one directory: only regular files inside it (no `..`, encoded or
 * not, no NUL, no backslashes, no dot-files, no symlinks leading out), index.html for client routes.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { Readable } from 'node:stream';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.map': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json', '.topojson': 'application/json; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp',
  '.ico': 'image/x-icon', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.wasm': 'application/wasm',
};

export function contentType(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The path segments of a URL path, decoded, or null when any is unsafe. Works on the raw
 * (percent-encoded) path, so `%2e%2e`, `..%2f` and `%00` are caught after decoding.
 */
export function safeSegments(rawPath: string): string[] | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (/[\u0000-\u001f\\]/.test(decoded) || decoded.includes(':')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  for (const s of segments) if (s === '..' || s === '.' || s.startsWith('.')) return null;
  return segments;
}

export interface StaticResult { status: number; body: Readable | string; type: string; size?: number }

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Casus</title></head>
<body><h1>Casus</h1><p>The dashboard is not built. Run <code>npm run build:web</code> (or start the server with <code>--static DIR</code>).
The API is at <a href="/api/health">/api/health</a>; its description at <a href="/api/openapi.json">/api/openapi.json</a>.</p></body></html>
`;

/** Finds the file for a request path under `root`; null when the path is unsafe or names no file. */
export class StaticFiles {
  private rootReal: Promise<string | null>;

  constructor(readonly root: string) {
    this.rootReal = realpath(root).then((p) => p, () => null);
  }

  private async file(root: string, segments: readonly string[]): Promise<{ path: string; size: number } | null> {
    const candidate = join(root, ...segments);
    try {
      const real = await realpath(candidate);
      // Symlinks may live inside the tree but must not lead out of it.
      if (real !== root && !real.startsWith(root + sep)) return null;
      const info = await stat(real);
      if (info.isDirectory()) return this.file(root, [...segments, 'index.html']);
      return info.isFile() ? { path: real, size: info.size } : null;
    } catch {
      return null;
    }
  }

  async serve(rawPath: string): Promise<StaticResult> {
    const segments = safeSegments(rawPath);
    if (!segments) return { status: 400, body: 'Bad path\n', type: 'text/plain; charset=utf-8' };
    const root = await this.rootReal;
    if (!root) {
      return segments.length === 0 || segments.at(-1) === 'index.html'
        ? { status: 200, body: NOT_BUILT, type: 'text/html; charset=utf-8' }
        : { status: 404, body: 'Not found\n', type: 'text/plain; charset=utf-8' };
    }
    let found = await this.file(root, segments);
    // A client route (no extension: /documents/abc) gets the app's index.html; a missing asset a 404.
    if (!found && (segments.length === 0 || !extname(segments.at(-1)!))) found = await this.file(root, ['index.html']);
    if (!found) return { status: 404, body: 'Not found\n', type: 'text/plain; charset=utf-8' };
    return { status: 200, body: createReadStream(found.path), type: contentType(found.path), size: found.size };
  }
}

/** A Node stream as a web stream, for a fetch Response. */
export function webStream(body: Readable): ReadableStream<Uint8Array> {
  return Readable.toWeb(body) as ReadableStream<Uint8Array>;
}
