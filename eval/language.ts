/**
 * Language identification, measured: Casus's function-word profiles against the npm detectors
 * eld, franc and tinyld. Three tests, all from ../shared/data:
 *  1. documents: trafilatura-eval pages whose <html lang> names the language (extracted body text);
 *  2. fragments: the first 2-5 words of those pages' gold "with" segments (what an untranslated
 *     insertion looks like), scored for recall of "not English" and the right language;
 *  3. false flags: bracketed/parenthesised fragments of the English PolNeAR train texts, where
 *     every "not English" verdict is a false untranslated flag.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { eld } from 'eld/extrasmall';
import { franc } from 'franc';
import { detect as tinyld } from 'tinyld';
import { languageVotes, untranslatedLanguage } from '../src/stages/language/detect-language.js';
import { analyze } from '../src/analyze.js';
import { readBytes } from '../src/ingest/read-inputs.js';
import { dataSet, fmt, trafilaturaItems, trafilaturaPagePath } from './shared-data.js';

const ISO3: Record<string, string> = { eng: 'en', deu: 'de', fra: 'fr', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', pol: 'pl', rus: 'ru', zho: 'zh', cmn: 'zh', arb: 'ar', ara: 'ar', tur: 'tr', swe: 'sv', dan: 'da', nob: 'no', fin: 'fi', ces: 'cs', ukr: 'uk', jpn: 'ja', kor: 'ko', hun: 'hu', ron: 'ro', ell: 'el' };

type Detector = (text: string) => string | null;
const detectors: Record<string, Detector> = {
  'casus function words': (t) => bestVote(t),
  'eld (extrasmall)': (t) => eld.detect(t).language || null,
  franc: (t) => ISO3[franc(t, { minLength: 3 })] ?? null,
  tinyld: (t) => tinyld(t) || null,
};

function bestVote(text: string): string | null {
  let best: string | null = null;
  let score = 0;
  for (const [l, s] of languageVotes(text)) if (s > score) [best, score] = [l, s];
  return score >= 1 ? best : null;
}

/** The untranslated-flag decision: a detector's verdict, guarded by "no English function word". */
const guarded = (detect: Detector): Detector => (t) => ((languageVotes(t).get('en') ?? 0) > 0 ? 'en' : detect(t));

export async function run(): Promise<void> {
  const traf = dataSet('trafilatura-eval');
  const polnear = dataSet('polnear/train/text');
  if (!traf || !polnear) return;
  const items = trafilaturaItems<{ file: string; with: string[] }>(traf);
  const docs: { lang: string; text: string }[] = [];
  const fragments: { lang: string; text: string }[] = [];
  for (const [url, item] of Object.entries(items)) {
    const path = trafilaturaPagePath(traf, item.file);
    if (!path) continue;
    const bytes = gunzipSync(readFileSync(path));
    const lang = /<html[^>]*\blang=["']?([a-z]{2})/i.exec(bytes.subarray(0, 4096).toString('latin1'))?.[1]?.toLowerCase();
    if (!lang) continue;
    for (const r of readBytes(bytes, url, 'html', { maxBytes: 50e6 })) {
      if (!r.ok) continue;
      const doc = analyze(r.doc);
      const text = doc.body.map((s) => doc.text.slice(s.start, s.end)).join('\n');
      if (text.length > 200) docs.push({ lang, text });
    }
    for (const seg of item.with) {
      const words = seg.split(/\s+/).filter((w) => /\p{L}/u.test(w));
      if (words.length >= 4) fragments.push({ lang, text: words.slice(0, 2 + (fragments.length % 4)).join(' ') });
    }
  }
  const english: string[] = [];
  for (const f of readdirSync(polnear).sort()) {
    const text = readFileSync(`${polnear}/${f}`, 'utf8');
    for (const m of text.matchAll(/\[([^\]\n]{3,200})\]|\(([^)\n]{3,200})\)/g)) {
      const inner = m[1] ?? m[2] ?? '';
      if ((inner.match(/\p{L}+/gu)?.length ?? 0) >= 2) english.push(inner);
    }
  }
  const langs = [...new Set(docs.map((d) => d.lang))];
  console.log(`language · ${docs.length} pages (${langs.length} languages by <html lang>), ${fragments.length} 2-5-word fragments, ${english.length} English bracketed fragments (PolNeAR train)`);
  console.log('detector'.padEnd(36), 'doc acc', ' frag acc', ' frag not-en recall', ' en false-flag rate', ' µs/call');
  // The rule Casus uses for untranslated flags (function words + eld), on fragments only.
  const flagged = (t: string) => untranslatedLanguage(t, 'en');
  const foreign = fragments.filter((f) => f.lang !== 'en');
  const flagRecall = foreign.filter((f) => flagged(f.text) !== null).length / foreign.length;
  const flagRight = foreign.filter((f) => flagged(f.text) === f.lang).length / foreign.length;
  const flagFalse = english.filter((t) => flagged(t) !== null).length / english.length;
  const rows = Object.entries(detectors).flatMap(([n, d]) => [[n, d], [`${n} + en guard`, guarded(d)]] as [string, Detector][]);
  for (const [name, detect] of rows) {
    const t0 = performance.now();
    let calls = 0;
    const docAcc = docs.filter((d) => (calls++, detect(d.text.slice(0, 5000)) === d.lang)).length / docs.length;
    const fragAcc = fragments.filter((f) => (calls++, detect(f.text) === f.lang)).length / fragments.length;
    const foreign = fragments.filter((f) => f.lang !== 'en');
    const notEn = foreign.filter((f) => { calls++; const l = detect(f.text); return l !== null && l !== 'en'; }).length / foreign.length;
    const falseFlags = english.filter((t) => { calls++; const l = detect(t); return l !== null && l !== 'en'; }).length / english.length;
    const us = ((performance.now() - t0) * 1000) / calls;
    console.log(name.padEnd(36), fmt(docAcc).padStart(7), fmt(fragAcc).padStart(9), fmt(notEn).padStart(19), fmt(falseFlags).padStart(19), us.toFixed(1).padStart(8));
  }
  console.log(`casus untranslated-flag rule: foreign fragments flagged ${fmt(flagRecall)} (right language ${fmt(flagRight)}), English fragments flagged ${fmt(flagFalse)}`);
}
