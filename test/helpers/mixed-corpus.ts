/**
 * Writes a generated mixed corpus for the ingest tests: text, HTML and JSON Lines articles of
 * random news vocabulary, near-duplicate copies (an edited sentence, site boilerplate added) in
 * a directory read last, and a few unreadable inputs. Deterministic for a given seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomSentence, seededRandom } from '../../src/corpus/synthetic-documents.js';

export interface MixedCorpus {
  /** Readable documents (each distinct). */
  good: number;
  /** Copy file URL → its original's file URL. */
  copies: Map<string, string>;
  /** URIs (with JSONL line where relevant) of the inputs that cannot be read. */
  unreadable: { uri: string; line?: number }[];
}

export function writeMixedCorpus(dir: string, options: { text: number; html: number; jsonl: number; copies: number; seed?: number }): MixedCorpus {
  const rand = seededRandom(options.seed ?? 42);
  const article = () => ({ title: randomSentence(rand, 6).replace(/\.$/, ''), paras: [0, 1, 2].map(() => [0, 1, 2].map(() => randomSentence(rand)).join(' ')) });
  const dirs = ['a-text', 'b-html', 'c-jsonl', 'z-copies'].map((d) => join(dir, d));
  for (const d of dirs) mkdirSync(d, { recursive: true });
  const originals: { uri: string; title: string; paras: string[] }[] = [];
  const unreadable: MixedCorpus['unreadable'] = [];
  const url = (p: string) => pathToFileURL(p).href;
  const html = (title: string, paras: string[], boilerplate: boolean) => `<!doctype html><html><head><title>${title}</title></head><body>` +
    (boilerplate ? '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav>' : '') +
    `<article><h1>${title}</h1>${paras.map((p) => `<p>${p}</p>`).join('')}</article>` +
    (boilerplate ? '<aside><h2>Related</h2><ul><li><a href="/a">More on this story</a></li><li><a href="/b">Most read today</a></li></ul></aside>' +
      '<footer><p>Subscribe to our newsletter for the morning briefing.</p><p>© 2021 Example Media Group. All rights reserved.</p></footer>' : '') +
    '</body></html>';

  for (let i = 0; i < options.text; i++) {
    const a = article();
    const p = join(dirs[0]!, `t${String(i).padStart(4, '0')}.txt`);
    writeFileSync(p, `${a.title}\n\n${a.paras.join('\n\n')}\n`);
    originals.push({ uri: url(p), ...a });
  }
  for (let i = 0; i < options.html; i++) {
    const a = article();
    const p = join(dirs[1]!, `h${String(i).padStart(4, '0')}.html`);
    writeFileSync(p, html(a.title, a.paras, false));
    originals.push({ uri: url(p), ...a });
  }
  const lines: string[] = [];
  const jsonlPath = join(dirs[2]!, 'feed.jsonl');
  for (let i = 0; i < options.jsonl; i++) {
    const a = article();
    lines.push(JSON.stringify({ id: `j${i}`, title: a.title, text: `${a.title}\n\n${a.paras.join('\n\n')}` }));
    if (i === 3) {
      lines.push('{"id": "broken", "text": "unterminated');
      unreadable.push({ uri: url(jsonlPath), line: lines.length });
    }
  }
  writeFileSync(jsonlPath, lines.join('\n') + '\n');

  const copies = new Map<string, string>();
  for (let i = 0; i < options.copies; i++) {
    // Every k-th original, so copies spread over text and HTML sources.
    const o = originals[Math.floor((i * originals.length) / options.copies)]!;
    const paras = o.paras.map((p, j) => (j === 1 ? p.replace(/^[^.]+\./, randomSentence(rand)) : p));
    paras.push('Reporting by the newsroom; editing by the desk.');
    const p = join(dirs[3]!, `copy${String(i).padStart(3, '0')}.html`);
    writeFileSync(p, html(o.title, paras, true));
    copies.set(url(p), o.uri);
  }

  const bin = join(dirs[1]!, 'zz-image.html');
  writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
  unreadable.push({ uri: url(bin) });
  const empty = join(dirs[0]!, 'zz-empty.txt');
  writeFileSync(empty, '   \n\n  ');
  unreadable.push({ uri: url(empty) });
  return { good: options.text + options.html + options.jsonl + options.copies, copies, unreadable };
}
