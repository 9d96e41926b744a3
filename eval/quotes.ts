/**
 * Quotations on PolNeAR (brat standoff attributions of 2015-16 US political news): content-overlap
 * P/R/F1, exact-content F1 and speaker accuracy, for all attributions and for direct quotes only.
 *
 * Each article runs through clean → tokens → entities → quotes. Gold: every attribution with a
 * content span (discontinuous contents taken from their first to their last character); where an
 * article has several annotators, the first file in name order. A gold attribution is a direct quote
 * when its content opens and closes with a quote mark.
 * - content overlap: a system quote is correct when it shares a character with a gold content;
 *   a gold attribution is found when a system quote shares a character with it.
 * - exact content: equal spans once both are trimmed of spaces, quote marks and edge punctuation.
 * - speaker accuracy: over found gold attributions that name a source, the best-overlapping system
 *   quote's speaker is right when its speakerSpan overlaps the gold source, or its entity has a
 *   mention there, or the gold source is a pronoun the entity layer resolves to that entity
 *   ("strict" counts only the span overlap).
 * - direct only: gold direct quotes against system quotes of kind direct; a system direct quote is
 *   correct when it overlaps a gold content holding quote marks (PolNeAR folds the lead-in of a
 *   quote into one mixed content); a gold direct quote is found by a system direct or mixed quote.
 * Options: --split=dev|train, --limit=N, --verbose (print misses and false quotes).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Quote } from '../src/core/document.js';
import type { Span } from '../src/core/span.js';
import { analyzeWorking } from '../src/analyze.js';
import { buildPipeline } from '../src/pipeline/build-pipeline.js';
import { clean } from '../src/stages/clean/index.js';
import { entities, resolvePronoun } from '../src/stages/entities/index.js';
import { quotes } from '../src/stages/quotes/index.js';
import { tokens } from '../src/stages/tokens/index.js';
import { dataSet, fmt, prf } from './shared-data.js';

export interface GoldAttribution { content: Span; source: Span | null; cue: Span | null; direct: boolean; quoted: boolean }

/** Outer bounds of a brat offset list "120 211" or "728 767;784 1029". */
function bounds(offsets: string): Span {
  const parts = offsets.split(';').map((p) => p.trim().split(/\s+/).map(Number));
  return { start: Math.min(...parts.map((p) => p[0]!)), end: Math.max(...parts.map((p) => p[1]!)) };
}

const OPEN = /^[\s(]*["“«„‘'‚`]/;
const CLOSE = /["”»“’'][\s.,;:!?)]*$/;
const MARKS = /["“”«»„]|''|``/;

/** Attributions of one brat file over the article text. */
export function readAttributions(ann: string, text: string): GoldAttribution[] {
  const spans = new Map<string, Span>();
  const events: Record<string, string>[] = [];
  for (const line of ann.split('\n')) {
    const cols = line.split('\t');
    if (/^T\d+$/.test(cols[0] ?? '') && cols[1]) {
      const m = /^(\S+) (.+)$/.exec(cols[1]);
      if (m) spans.set(cols[0]!, bounds(m[2]!));
    } else if (/^E\d+$/.test(cols[0] ?? '') && cols[1]) {
      const roles: Record<string, string> = {};
      for (const part of cols[1].split(/\s+/)) {
        const [k, val] = part.split(':');
        if (k && val) roles[k] = val;
      }
      events.push(roles);
    }
  }
  const out: GoldAttribution[] = [];
  for (const e of events) {
    const content = e['Content'] ? spans.get(e['Content']) : undefined;
    if (!content) continue;
    const src = e['Source'] ? spans.get(e['Source']) ?? null : null;
    const cue = e['Cue'] ? spans.get(e['Cue']) ?? null : null;
    const words = text.slice(content.start, content.end);
    out.push({ content, source: src, cue, direct: OPEN.test(words) && CLOSE.test(words), quoted: MARKS.test(words) });
  }
  return out;
}

const overlap = (a: Span, b: Span) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
const EDGE = /[\s"“”«»„‘’'‚.,;:!?—–-]/;
function norm(text: string, s: Span): string {
  let a = s.start, b = s.end;
  while (a < b && EDGE.test(text[a]!)) a++;
  while (b > a && EDGE.test(text[b - 1]!)) b--;
  return `${a}:${b}`;
}

interface Tally { sys: number; sysOk: number; gold: number; goldFound: number; exact: number; spk: number; spkOk: number; spkStrict: number }
const tally = (): Tally => ({ sys: 0, sysOk: 0, gold: 0, goldFound: 0, exact: 0, spk: 0, spkOk: 0, spkStrict: 0 });

export async function run(args: string[]): Promise<void> {
  const split = args.find((a) => a.startsWith('--split='))?.slice(8) ?? 'dev';
  const dir = dataSet(`polnear/${split}`);
  if (!dir) return;
  const limit = Number(args.find((a) => a.startsWith('--limit='))?.slice(8) ?? Infinity);
  const verbose = args.includes('--verbose');
  const pipeline = buildPipeline([clean, tokens, entities, quotes]);
  const annFiles = readdirSync(`${dir}/attributions`).filter((f) => f.endsWith('.ann')).sort();
  const byArticle = new Map<string, string>();
  for (const f of annFiles) {
    const article = f.replace(/_[^_]+\.ann$/, '');
    if (!byArticle.has(article)) byArticle.set(article, f);
  }
  const articles = [...byArticle.keys()].sort().slice(0, limit);
  const all = tally(), direct = tally();
  const started = performance.now();
  for (const article of articles) {
    const text = readFileSync(`${dir}/text/${article}.txt`, 'utf8');
    const gold = readAttributions(readFileSync(`${dir}/attributions/${byArticle.get(article)}`, 'utf8'), text);
    const doc = analyzeWorking(text, { format: 'text', pipeline });
    const sys = doc.quotes;
    const speakerRight = (g: GoldAttribution, q: Quote) => {
      const src = g.source!;
      if (q.speakerSpan && overlap(q.speakerSpan, src) > 0) return 2;
      if (!q.speaker) return 0;
      const e = doc.entities.find((x) => x.id === q.speaker);
      if (e?.mentions.some((m) => overlap(m, src) > 0)) return 1;
      return resolvePronoun(doc, src) === q.speaker ? 1 : 0;
    };
    const score = (name: string, t: Tally, golds: GoldAttribution[], system: Quote[], sysOkAgainst: GoldAttribution[], finders: Quote[]) => {
      t.gold += golds.length;
      t.sys += system.length;
      for (const q of system) if (sysOkAgainst.some((g) => overlap(g.content, q) > 0)) t.sysOk++;
      const goldKeys = new Set(golds.map((g) => norm(text, g.content)));
      for (const q of system) if (goldKeys.has(norm(text, q))) t.exact++;
      for (const g of golds) {
        let best: Quote | null = null, bestOv = 0;
        for (const q of finders) {
          const ov = overlap(g.content, q);
          if (ov > bestOv) { best = q; bestOv = ov; }
        }
        if (!best) continue;
        t.goldFound++;
        if (!g.source) continue;
        t.spk++;
        const r = speakerRight(g, best);
        if (r) t.spkOk++;
        if (r === 2) t.spkStrict++;
        else if (verbose && !r) console.log(`SPEAKER-${name} ${article} gold="${text.slice(g.source.start, g.source.end)}" sys="${best.speakerSpan ? text.slice(best.speakerSpan.start, best.speakerSpan.end) : null}" | ${text.slice(best.start, best.end).slice(0, 80).replace(/\s+/g, ' ')}${args.includes('--context') ? ` ## ${text.slice(Math.max(0, best.start - 160), best.start)} [[…]] ${text.slice(best.end, best.end + 90)}`.replace(/\s+/g, ' ') : ''}`);
      }
    };
    score('all', all, gold, sys, gold, sys);
    const sysDirect = sys.filter((q) => q.kind === 'direct');
    score('direct', direct, gold.filter((g) => g.direct), sysDirect, gold.filter((g) => g.quoted), sys.filter((q) => q.kind !== 'indirect'));
    if (verbose) {
      for (const g of gold) if (g.direct && !sys.some((q) => q.kind !== 'indirect' && overlap(g.content, q) > 0)) console.log(`MISS-DIRECT ${article} | ${text.slice(g.content.start, g.content.end).slice(0, 120).replace(/\s+/g, ' ')}`);
      for (const q of sysDirect) if (!gold.some((g) => g.quoted && overlap(g.content, q) > 0)) console.log(`FALSE-DIRECT ${article} | ${text.slice(q.start, q.end).slice(0, 120).replace(/\s+/g, ' ')}`);
      if (args.includes('--indirect')) {
        for (const q of sys) if (!gold.some((g) => overlap(g.content, q) > 0)) console.log(`FALSE ${q.kind} ${article} | ${text.slice(q.cue?.start ?? q.start, q.end).slice(0, 120).replace(/\s+/g, ' ')}`);
        for (const g of gold) if (!sys.some((q) => overlap(g.content, q) > 0)) console.log(`MISS ${article} cue=${g.cue ? text.slice(g.cue.start, g.cue.end).toLowerCase() : null} | ${text.slice(g.source?.start ?? g.content.start, g.content.end).slice(0, 120).replace(/\s+/g, ' ')}`);
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`quotes · PolNeAR ${split} · ${articles.length} articles`);
  const line = (name: string, t: Tally) => {
    const p = t.sys ? t.sysOk / t.sys : 0, r = t.gold ? t.goldFound / t.gold : 0;
    const f = p + r ? (2 * p * r) / (p + r) : 0;
    const ex = prf(t.exact, t.sys - t.exact, t.gold - t.exact);
    console.log(`${name.padEnd(8)} gold ${t.gold}, system ${t.sys}`);
    console.log(`  content overlap  precision ${fmt(p)}  recall ${fmt(r)}  F1 ${fmt(f)}`);
    console.log(`  exact content    precision ${fmt(ex.p)}  recall ${fmt(ex.r)}  F1 ${fmt(ex.f)}`);
    console.log(`  speaker accuracy ${fmt(t.spk ? t.spkOk / t.spk : 0)} (${t.spkOk}/${t.spk} found with a gold source; strict span ${fmt(t.spk ? t.spkStrict / t.spk : 0)})`);
  };
  line('all', all);
  line('direct', direct);
  console.log(`${(articles.length / seconds).toFixed(1)} documents/s`);
}
