/**
 * Temporal expressions on TempEval-3 TBAQ-cleaned (TimeBank + AQUAINT, TimeML): the plain text of
 * each <TEXT> with the gold TIMEX3 offsets (tags stripped), the DCT as reference date; scores as
 * TempEval-3 Task A: strict and relaxed extent P/R/F1, value F1 and type accuracy.
 *
 * The extractor runs on the whole <TEXT> as one body stretch, split into sentences by the tokens
 * stage's splitter: the clean stage is skipped because these wire texts have no page boilerplate
 * and it would drop short lines (bylines, one-line paragraphs) that carry gold TIMEX3s.
 * Matching: each gold expression pairs with at most one system expression, first by identical
 * extent, then by overlap. Value F1: P = pairs with equal value / system count, R = / gold count.
 * Type accuracy: equal type among overlap pairs. Options: --verbose (print errors), --limit=N,
 * --only=TimeBank|AQUAINT.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extractTimes } from '../src/stages/time/extract-times.js';
import { tokenize } from '../src/stages/tokens/index.js';
import { dataSet, fmt, prf } from './shared-data.js';

export interface GoldTimex { start: number; end: number; type: string; value: string; text: string }
export interface TmlDoc { name: string; dct: string; text: string; timexes: GoldTimex[] }

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Plain text of <TEXT> and the TIMEX3 spans in it. */
export function readTml(xml: string, name: string): TmlDoc {
  const dct = /<DCT>\s*<TIMEX3[^>]*\bvalue="([^"]+)"/.exec(xml)?.[1] ?? '';
  const body = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(xml)?.[1] ?? '';
  let text = '';
  const timexes: GoldTimex[] = [];
  const open: { start: number; attrs: Record<string, string> }[] = [];
  const re = /<(\/?)([A-Za-z0-9]+)([^>]*)>|&(\w+);|([^<&]+|[<&])/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[2]) {
      if (m[2] !== 'TIMEX3') continue;
      if (!m[1]) {
        const attrs: Record<string, string> = {};
        for (const a of m[3]!.matchAll(/(\w+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!;
        if (m[3]!.trim().endsWith('/')) continue;
        open.push({ start: text.length, attrs });
      } else {
        const o = open.pop();
        if (o) timexes.push({ start: o.start, end: text.length, type: o.attrs['type'] ?? '', value: o.attrs['value'] ?? '', text: text.slice(o.start) });
      }
    } else if (m[4]) text += ENTITIES[m[4]] ?? `&${m[4]};`;
    else text += m[5] ?? '';
  }
  return { name, dct, text, timexes };
}

export function readCorpus(dir: string, only?: string): TmlDoc[] {
  const docs: TmlDoc[] = [];
  for (const sub of ['TimeBank', 'AQUAINT']) {
    if (only && only !== sub) continue;
    for (const f of readdirSync(`${dir}/${sub}`).filter((x) => x.endsWith('.tml')).sort()) {
      docs.push(readTml(readFileSync(`${dir}/${sub}/${f}`, 'utf8'), `${sub}/${f}`));
    }
  }
  return docs;
}

export function systemTimes(doc: TmlDoc) {
  const stretch = [{ start: 0, end: doc.text.length }];
  const { sentences } = tokenize(doc.text, stretch);
  return extractTimes(doc.text, sentences, { reference: doc.dct });
}

export async function run(args: string[]): Promise<void> {
  const dir = dataSet('tempeval3/TBAQ-cleaned');
  if (!dir) return;
  const verbose = args.includes('--verbose');
  const limit = Number(args.find((a) => a.startsWith('--limit='))?.slice(8) ?? Infinity);
  const only = args.find((a) => a.startsWith('--only='))?.slice(7);
  const docs = readCorpus(dir, only).slice(0, limit);
  let gold = 0, sys = 0, strict = 0, relaxed = 0, valueOk = 0, typeOk = 0;
  const started = performance.now();
  for (const doc of docs) {
    const found = systemTimes(doc);
    gold += doc.timexes.length;
    sys += found.length;
    const used = new Set<number>();
    const pairs: [number, number][] = [];
    doc.timexes.forEach((g, gi) => {
      const j = found.findIndex((s, k) => !used.has(k) && s.start === g.start && s.end === g.end);
      if (j >= 0) { used.add(j); pairs.push([gi, j]); strict++; }
    });
    doc.timexes.forEach((g, gi) => {
      if (pairs.some(([a]) => a === gi)) return;
      const j = found.findIndex((s, k) => !used.has(k) && s.start < g.end && g.start < s.end);
      if (j >= 0) { used.add(j); pairs.push([gi, j]); }
    });
    relaxed += pairs.length;
    for (const [gi, j] of pairs) {
      const g = doc.timexes[gi]!, s = found[j]!;
      if (g.value === s.value) valueOk++;
      else if (verbose) console.log(`VALUE ${doc.name} dct=${doc.dct} "${g.text}" gold=${g.value} sys=${s.value} "${doc.text.slice(s.start, s.end)}"`);
      if (g.type === s.type) typeOk++;
      if (verbose && (g.start !== s.start || g.end !== s.end)) console.log(`EXTENT ${doc.name} gold="${g.text}" sys="${doc.text.slice(s.start, s.end)}"`);
    }
    if (verbose) {
      doc.timexes.forEach((g, gi) => {
        if (!pairs.some(([a]) => a === gi)) console.log(`MISS ${doc.name} "${g.text}" ${g.type} ${g.value} | …${doc.text.slice(Math.max(0, g.start - 40), g.end + 30).replace(/\s+/g, ' ')}`);
      });
      found.forEach((s, k) => {
        if (!used.has(k)) console.log(`FALSE ${doc.name} "${doc.text.slice(s.start, s.end)}" ${s.type} ${s.value} | …${doc.text.slice(Math.max(0, s.start - 40), s.end + 30).replace(/\s+/g, ' ')}`);
      });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const st = prf(strict, sys - strict, gold - strict);
  const rl = prf(relaxed, sys - relaxed, gold - relaxed);
  const vl = prf(valueOk, sys - valueOk, gold - valueOk);
  console.log(`time · TempEval-3 TBAQ-cleaned${only ? ` (${only})` : ''} · ${docs.length} documents, gold ${gold}, system ${sys}`);
  console.log(`strict extent   precision ${fmt(st.p)}  recall ${fmt(st.r)}  F1 ${fmt(st.f)}`);
  console.log(`relaxed extent  precision ${fmt(rl.p)}  recall ${fmt(rl.r)}  F1 ${fmt(rl.f)}`);
  console.log(`value           precision ${fmt(vl.p)}  recall ${fmt(vl.r)}  F1 ${fmt(vl.f)}`);
  console.log(`type accuracy   ${fmt(relaxed ? typeOk / relaxed : 0)} (${typeOk}/${relaxed} matched)`);
  console.log(`${(docs.length / seconds).toFixed(1)} documents/s`);
}
