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
import { annotateTokens } from '../src/stages/syntax/index.js';
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

/** The system's expressions, with the tags of the syntax stage (as in the pipeline) unless --no-tags. */
export function systemTimes(doc: TmlDoc, withTags = true) {
  const stretch = [{ start: 0, end: doc.text.length }];
  const tok = tokenize(doc.text, stretch);
  const tags = withTags ? annotateTokens(doc.text, Int32Array.from(tok.tokenStarts), Int32Array.from(tok.tokenEnds), Int32Array.from(tok.tokenSentence)) : null;
  return extractTimes(doc.text, tok.sentences, { reference: doc.dct, tags });
}

export async function run(args: string[]): Promise<void> {
  const dir = dataSet('tempeval3/TBAQ-cleaned');
  if (!dir) return;
  const verbose = args.includes('--verbose');
  const limit = Number(args.find((a) => a.startsWith('--limit='))?.slice(8) ?? Infinity);
  const only = args.find((a) => a.startsWith('--only='))?.slice(7);
  const docs = readCorpus(dir, only).slice(0, limit);
  let gold = 0, sys = 0, strict = 0, relaxed = 0, valueOk = 0, typeOk = 0;
  const classes = new Map<string, number>();
  const count = (k: string) => classes.set(k, (classes.get(k) ?? 0) + 1);
  const started = performance.now();
  for (const doc of docs) {
    const found = systemTimes(doc, !args.includes('--no-tags'));
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
      else count(valueErrorClass(g, s, doc.dct, g.start !== s.start || g.end !== s.end));
      if (g.value !== s.value && verbose) console.log(`VALUE [${valueErrorClass(g, s, doc.dct, false)}] ${doc.name} dct=${doc.dct} "${g.text}" gold=${g.value} sys=${s.value} "${doc.text.slice(s.start, s.end)}"`);
      if (g.type === s.type) typeOk++;
      if (verbose && (g.start !== s.start || g.end !== s.end)) console.log(`EXTENT ${doc.name} gold="${g.text}" sys="${doc.text.slice(s.start, s.end)}"`);
    }
    doc.timexes.forEach((g, gi) => { if (!pairs.some(([a]) => a === gi)) count(`missed ${g.type}`); });
    found.forEach((s, k) => { if (!used.has(k)) count(`spurious ${s.type}${/_REF$/.test(s.value) ? ' (REF)' : ''}`); });
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
  if (args.includes('--errors') || verbose) {
    console.log('value errors by class (matched pairs with another value; then unmatched expressions):');
    for (const [k, n] of [...classes.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)}  ${k}`);
  }
}

/** The shape of a TIMEX3 value, for telling granularity errors from wrong anchors. */
function shape(v: string): string {
  return v.replace(/\d/g, '9');
}

const dayKey = (v: string) => v.replace(/^(\d{4}(?:-\d\d(?:-\d\d)?)?).*$/, '$1');

/**
 * Why a matched expression got another value: a reference value (PRESENT_REF …), a set, a
 * duration format, a point read as a duration (or back), another granularity, the wrong side of
 * the reference date (past/future direction), an underspecified gold value, or a wrong anchor.
 */
export function valueErrorClass(g: GoldTimex, s: { type: string; value: string }, dct: string, extentDiffers: boolean): string {
  const tag = extentDiffers ? ' (extent differs)' : '';
  if (/_REF$/.test(g.value) || /_REF$/.test(s.value)) return `PRESENT/PAST/FUTURE_REF${tag}`;
  if (g.type === 'SET' || s.type === 'SET') return `SET${tag}`;
  const gd = g.value.startsWith('P'), sd = s.value.startsWith('P');
  if (gd && sd) return `DURATION format${tag}`;
  if (gd !== sd) return `duration vs point${tag}`;
  if (/X/.test(g.value) && !/X/.test(s.value)) return `gold underspecified (X)${tag}`;
  if (/-W\d$/.test(g.value) && g.value.replace(/-W(\d)$/, '-W0$1') === s.value) return `gold unpadded ISO week (W7 for W07)${tag}`;
  if (/^\d{4}-\d\d-\d\d$/.test(g.value) && s.value.startsWith(`${g.value}T`)) return `gold day without the part of day (TNI, TMO…)${tag}`;
  if (shape(g.value) !== shape(s.value)) return `granularity${tag}`;
  const ref = dct.slice(0, 10);
  const side = (v: string) => Math.sign(dayKey(v).localeCompare(ref.slice(0, dayKey(v).length)));
  if (side(g.value) !== side(s.value)) return `past/future direction${tag}`;
  return `wrong anchor or offset${tag}`;
}
