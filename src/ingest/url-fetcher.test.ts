import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUrl, fetchUrl, isPrivateAddress, isUrlList, readUrl } from './url-fetcher.js';

let server: Server;
let base = '';
const article = (n: number) => `<!doctype html><html><head><title>Story ${n}</title></head><body><article><h1>Story ${n}</h1>` +
  `<p>${'The envoy met the minister to discuss the border crossing and the grain exports. '.repeat(4)} Number ${n}.</p></article></body></html>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/page') { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(article(1)); }
    else if (url.startsWith('/story/')) { res.writeHead(200, { 'content-type': 'text/html' }); res.end(article(Number(url.slice(7)))); }
    else if (url === '/redirect') { res.writeHead(302, { location: '/page' }); res.end(); }
    else if (url.startsWith('/loop')) { res.writeHead(301, { location: `/loop${url.length}` }); res.end(); }
    else if (url === '/to-file') { res.writeHead(302, { location: 'file:///etc/passwd' }); res.end(); }
    else if (url === '/image') { res.writeHead(200, { 'content-type': 'image/png' }); res.end(Buffer.alloc(10)); }
    else if (url === '/big') { res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(5000) }); res.end('x'.repeat(5000)); }
    else if (url === '/stream') {
      res.writeHead(200, { 'content-type': 'text/plain' }); // chunked: no length announced
      let n = 0;
      const t = setInterval(() => { res.write('y'.repeat(1000)); if (++n === 10) { clearInterval(t); res.end(); } }, 1);
    }
    else if (url === '/slow') { res.writeHead(200, { 'content-type': 'text/html' }); res.write('<p>'); setTimeout(() => res.end('late</p>'), 2000); }
    else if (url === '/feed') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>One</title><link>${base}/story/7</link><description>Teaser only.</description><pubDate>Mon, 13 Dec 2021 10:00:00 GMT</pubDate></item>
<item><title>Two</title><link>${base}/missing</link><description>Teaser two survives.</description></item>
</channel></rss>`);
    } else { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('no'); }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const local = { allowPrivate: true };

describe('fetchUrl', () => {
  it('fetches a page and follows a bounded number of redirects', async () => {
    const r = await fetchUrl(`${base}/redirect`, local);
    expect(r).toMatchObject({ ok: true, url: `${base}/page`, status: 200 });
    expect(r.ok && Buffer.from(r.bytes).toString()).toMatch(/Story 1/);
    expect(await fetchUrl(`${base}/loop`, { ...local, maxRedirects: 3 })).toMatchObject({ ok: false, code: 'E_URL_REDIRECTS' });
  });
  it('refuses other schemes, also when redirected to them', async () => {
    expect(checkUrl('file:///etc/passwd')).toMatchObject({ ok: false, code: 'E_URL_SCHEME' });
    expect(await fetchUrl('ftp://example.org/x', local)).toMatchObject({ ok: false, code: 'E_URL_SCHEME' });
    expect(await fetchUrl(`${base}/to-file`, local)).toMatchObject({ ok: false, code: 'E_URL_SCHEME' });
  });
  it('refuses private-network addresses unless allowed, also via a name that resolves to one', async () => {
    expect(await fetchUrl(`${base}/page`)).toMatchObject({ ok: false, code: 'E_URL_PRIVATE' });
    const port = base.split(':').pop();
    expect(await fetchUrl(`http://localhost:${port}/page`)).toMatchObject({ ok: false, code: 'E_URL_PRIVATE' });
    expect(await fetchUrl(`http://localhost:${port}/page`, local)).toMatchObject({ ok: true });
  });
  it('checks content type, size (announced and streamed) and the deadline', async () => {
    expect(await fetchUrl(`${base}/image`, local)).toMatchObject({ ok: false, code: 'E_URL_CONTENT_TYPE' });
    expect(await fetchUrl(`${base}/big`, { ...local, maxBytes: 1000 })).toMatchObject({ ok: false, code: 'E_URL_TOO_LARGE' });
    expect(await fetchUrl(`${base}/stream`, { ...local, maxBytes: 4500 })).toMatchObject({ ok: false, code: 'E_URL_TOO_LARGE' });
    expect(await fetchUrl(`${base}/slow`, { ...local, timeoutMs: 200 })).toMatchObject({ ok: false, code: 'E_URL_TIMEOUT' });
    expect(await fetchUrl(`${base}/nothing`, local)).toMatchObject({ ok: false, code: 'E_URL_STATUS', message: 'HTTP 404' });
  });
});

describe('readUrl', () => {
  it('reads a page into a raw document under its final URL', async () => {
    const out = [];
    for await (const r of readUrl(`${base}/redirect`, local)) out.push(r);
    expect(out).toHaveLength(1);
    expect(out[0]!.ok && out[0]!.doc.source).toMatchObject({ uri: `${base}/page`, format: 'html' });
  });
  it('reads a feed URL: summary-only items are replaced by their fetched article; an unreachable one keeps its teaser', async () => {
    const out = [];
    for await (const r of readUrl(`${base}/feed`, local)) out.push(r);
    const ok = out.filter((r) => r.ok);
    expect(ok[0]!.ok && ok[0]!.doc.text).toMatch(/Story 7/);
    expect(ok[0]!.ok && ok[0]!.doc.metadata.published).toBe('2021-12-13');
    expect(out.some((r) => !r.ok && r.failure.code === 'E_URL_STATUS')).toBe(true);
    expect(ok[1]!.ok && ok[1]!.doc.text).toMatch(/Teaser two survives/);
  });
});

describe('address and list checks', () => {
  it('classifies addresses', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1']) expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ['8.8.8.8', '172.32.0.1', '1.1.1.1', '2606:4700::1111', '::ffff:8.8.8.8']) expect(isPrivateAddress(ip), ip).toBe(false);
  });
  it('recognises URL lists', () => {
    expect(isUrlList('# my list\nhttps://a.example/1\n\nhttp://b.example/2\n')).toBe(true);
    expect(isUrlList('https://a.example/1\nnot a url\n')).toBe(false);
    expect(isUrlList('\n\n')).toBe(false);
  });
});
