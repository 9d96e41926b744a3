/**
 * `casus serve [--db casus.db] [--port 8080] [--host 127.0.0.1]`: the JSON API and the dashboard
 * over a store, until Ctrl-C, which stops listening and closes the store.
 */
import { parseArgs } from 'node:util';
import { createApp, DEFAULT_MAX_BODY, startServer } from '../../serve/index.js';
import { ExitCodes } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { openForQuery, positiveInt } from './store-args.js';

export const serveHelp = `Usage: casus serve [options]

Serves the store as a JSON API under /api/ (described at /api/openapi.json, see docs/api.md) and
the dashboard everywhere else. Read-only unless a token is given.

Options:
  --db FILE              the store (default casus.db; must exist: create it with casus ingest)
  --port N               TCP port (default 8080; 0 picks a free one)
  --host ADDR            address to bind (default 127.0.0.1: this machine only)
  --token T              enables writing (POST /api/analyze?store=1, POST /api/ingest) for
                         requests with "Authorization: Bearer T" (default: $CASUS_TOKEN)
  --cors ORIGIN          allow browser calls from this origin (default: CORS off)
  --static DIR           the built dashboard (default: dist/web of this installation)
  --max-body BYTES       largest request body (default ${DEFAULT_MAX_BODY})
  --cache N              answers kept until the data changes (default 2000; 0: none)
  --cache-mb N           the answers' memory budget in MB (default 128)
  -h, --help             this help
`;

export async function runServe(argv: string[], io: CliIO, signals: NodeJS.EventEmitter = process): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: {
      db: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, token: { type: 'string' }, cors: { type: 'string' },
      static: { type: 'string' }, 'max-body': { type: 'string' }, cache: { type: 'string' }, 'cache-mb': { type: 'string' }, help: { type: 'boolean', short: 'h' },
    } });
  } catch (e) {
    io.error(`casus serve: ${(e as Error).message}\n${serveHelp}`);
    return ExitCodes.usage;
  }
  const v = parsed.values;
  if (v.help) { io.write(serveHelp); return ExitCodes.ok; }
  const port = v.port === undefined ? 8080 : Number(v.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) { io.error(`casus serve: --port must be 0 to 65535, not "${v.port}"`); return ExitCodes.usage; }
  const maxBody = positiveInt(v['max-body'], io, 'serve', '--max-body');
  const cacheEntries = v.cache === undefined ? undefined : Number(v.cache);
  const cacheMb = positiveInt(v['cache-mb'], io, 'serve', '--cache-mb');
  if (maxBody === null || cacheMb === null) return ExitCodes.usage;
  if (cacheEntries !== undefined && (!Number.isInteger(cacheEntries) || cacheEntries < 0)) { io.error(`casus serve: --cache must be a whole number, not "${v.cache}"`); return ExitCodes.usage; }
  if (v.cors !== undefined && !/^https?:\/\/[^/\s]+$/.test(v.cors)) { io.error(`casus serve: --cors must be an origin like http://localhost:5173, not "${v.cors}"`); return ExitCodes.usage; }
  const token = v.token ?? process.env.CASUS_TOKEN ?? undefined;
  if (token !== undefined && token.length < 8) { io.error('casus serve: the token must be at least 8 characters'); return ExitCodes.usage; }

  const store = openForQuery(v.db, io, 'serve');
  if (!store) return ExitCodes.usage;
  // Without a token nothing writes: SQLite itself refuses writes on this connection.
  if (!token) store.db.pragma('query_only = ON');
  // A server reads the same pages again and again: a 64 MB page cache and the file memory-mapped
  // (up to 1 GB) instead of a read() per page.
  store.db.pragma('cache_size = -65536');
  store.db.pragma('mmap_size = 1073741824');
  const app = createApp({
    store, ...(token ? { token } : {}), ...(v.cors ? { cors: v.cors } : {}), ...(v.static ? { staticDir: v.static } : {}),
    ...(maxBody ? { maxBodyBytes: maxBody } : {}), ...(cacheEntries !== undefined ? { cacheEntries } : {}),
    ...(cacheMb ? { cacheBytes: cacheMb * 1024 * 1024 } : {}),
  });
  let server;
  try {
    server = await startServer(app, { port, host: v.host ?? '127.0.0.1' });
  } catch (e) {
    io.error(`casus serve: cannot listen on ${v.host ?? '127.0.0.1'}:${port}: ${(e as Error).message}`);
    await app.close();
    await store.close();
    return ExitCodes.usage;
  }
  io.write(`casus serve: ${server.url}/ (API ${server.url}/api/, ${token ? 'writing enabled with the token' : 'read-only'}${v.cors ? `, CORS for ${v.cors}` : ''}); Ctrl-C stops\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      signals.off('SIGINT', stop);
      signals.off('SIGTERM', stop);
      resolve();
    };
    signals.on('SIGINT', stop);
    signals.on('SIGTERM', stop);
  });
  io.error('casus serve: stopping');
  await server.close();
  await store.close();
  return ExitCodes.ok;
}
