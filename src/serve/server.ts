/**
 * startServer(): puts a createApp() app on a socket (127.0.0.1 and an ephemeral port unless told),
 * and closes it cleanly: open keep-alive connections are ended so close() does not hang.
 */
import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CasusApp } from './app.js';

export interface RunningServer { url: string; port: number; host: string; close(): Promise<void> }

export function startServer(app: CasusApp, options: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host }) as Server;
  // Slow clients cannot hold a connection open for ever.
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${port}`, port, host,
        close: () => new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }).then(() => app.close()),
      });
    });
  });
}
