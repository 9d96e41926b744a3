import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBytes } from './read-inputs.js';
import { readWarc, warcRecords } from './warc-reader.js';
import { readDeferred } from './read-inputs.js';

function record(type: string, headers: Record<string, string>, block: Buffer): Buffer {
  const head = [`WARC/1.0`, `WARC-Type: ${type}`, `WARC-Record-ID: <urn:uuid:${Math.random().toString(16).slice(2)}>`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), `Content-Length: ${block.length}`].join('\r\n');
  return Buffer.concat([Buffer.from(head + '\r\n\r\n'), block, Buffer.from('\r\n\r\n')]);
}

function http(status: number, headers: Record<string, string>, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([`HTTP/1.1 ${status} X`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n') + '\r\n\r\n'), body]);
}

const page = (title: string, p: string) => Buffer.from(`<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${p}</p></article></body></html>`);

function chunked(body: Buffer): Buffer {
  const half = Math.floor(body.length / 2);
  const parts = [body.subarray(0, half), body.subarray(half)];
  return Buffer.concat([...parts.flatMap((p) => [Buffer.from(p.length.toString(16) + '\r\n'), p, Buffer.from('\r\n')]), Buffer.from('0\r\n\r\n')]);
}

const records = [
  record('warcinfo', { 'Content-Type': 'application/warc-fields' }, Buffer.from('software: test\r\n')),
  record('request', { 'WARC-Target-URI': 'https://a.example/one', 'Content-Type': 'application/http;msgtype=request' }, Buffer.from('GET /one HTTP/1.1\r\nHost: a.example\r\n\r\n')),
  record('response', { 'WARC-Target-URI': 'https://a.example/one', 'Content-Type': 'application/http;msgtype=response' },
    http(200, { 'Content-Type': 'text/html; charset=utf-8' }, page('First page', 'The delegation arrived in the capital on Monday for talks.'))),
  record('response', { 'WARC-Target-URI': 'https://a.example/gone', 'Content-Type': 'application/http;msgtype=response' }, http(404, { 'Content-Type': 'text/html' }, Buffer.from('<p>not found</p>'))),
  record('response', { 'WARC-Target-URI': 'https://a.example/img.png', 'Content-Type': 'application/http;msgtype=response' }, http(200, { 'Content-Type': 'image/png' }, Buffer.from([0x89, 0x50, 0x4e, 0x47]))),
  record('response', { 'WARC-Target-URI': 'https://a.example/two', 'Content-Type': 'application/http;msgtype=response' },
    http(200, { 'Content-Type': 'text/html', 'Transfer-Encoding': 'chunked', 'Content-Encoding': 'gzip' }, chunked(gzipSync(page('Second page', 'Negotiators said a ceasefire could hold through the winter.'))))),
  record('resource', { 'WARC-Target-URI': 'https://a.example/notes.txt', 'Content-Type': 'text/plain' }, Buffer.from('Plain text notes about the harvest and the port.')),
];

describe('WARC reader', () => {
  it('reads HTML responses and text resources, skipping requests, errors and images', () => {
    const docs = [...readWarc(Buffer.concat(records), 'file:///x.warc')];
    expect(docs.every((d) => d.ok)).toBe(true);
    expect(docs.map((d) => d.ok && d.doc.source.uri)).toEqual(['https://a.example/one', 'https://a.example/two', 'https://a.example/notes.txt']);
    expect(docs[0]!.ok && docs[0]!.doc.text).toMatch(/delegation arrived in the capital/);
    expect(docs[1]!.ok && docs[1]!.doc.text).toMatch(/ceasefire could hold/);
    expect(docs.every((d) => d.ok && d.doc.source.format === 'warc')).toBe(true);
  });

  it('leaves HTML records as markup when asked (deferHtml), which readDeferred reads into the same documents', () => {
    const later = [...readWarc(Buffer.concat(records), 'file:///x.warc', true)];
    expect(later.map((d) => d.ok && Boolean(d.doc.markup))).toEqual([true, true, false]);
    expect(later.map((d) => (d.ok ? readDeferred(d.doc) : d))).toEqual([...readWarc(Buffer.concat(records), 'file:///x.warc')]);
  });

  it('reads a WARC.gz made of one gzip member per record, through readBytes', () => {
    const gz = Buffer.concat(records.map((r) => gzipSync(r)));
    const docs = [...readBytes(gz, 'file:///x.warc.gz', 'warc')];
    expect(docs.filter((d) => d.ok)).toHaveLength(3);
    expect([...readBytes(gz, 'file:///x.warc.gz', null)].filter((d) => d.ok)).toHaveLength(3);
    expect([...readBytes(Buffer.concat(records), 'file:///noext', null)].filter((d) => d.ok)).toHaveLength(3);
  });

  it('keeps what it read from a truncated archive and reports the break', () => {
    const all = Buffer.concat(records);
    const cut = all.subarray(0, all.length - 30);
    const docs = [...readWarc(cut, 'file:///cut.warc')];
    expect(docs.filter((d) => d.ok)).toHaveLength(2);
    expect(docs.at(-1)).toMatchObject({ ok: false, failure: { code: 'E_WARC_PARSE', source: { uri: 'file:///cut.warc' } } });
    expect(() => [...warcRecords(Buffer.from('GET / HTTP/1.1\r\n\r\n'))]).toThrow(/not a WARC record/);
  });
});
