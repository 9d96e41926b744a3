/**
 * A readable terminal report of one document: title, date, body paragraphs, then each layer.
 * Coloured when the output is a TTY, plain when piped.
 */
import type { Document, ErrorRecord, RegionKind } from '../../core/document.js';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  cyan(s: string): string;
  yellow(s: string): string;
}

const plain: Style = { bold: (s) => s, dim: (s) => s, red: (s) => s, cyan: (s) => s, yellow: (s) => s };
const ansi = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
const colour: Style = { bold: ansi(1, 22), dim: ansi(2, 22), red: ansi(31, 39), cyan: ansi(36, 39), yellow: ansi(33, 39) };

export function styleFor(isTty: boolean): Style {
  return isTty && !process.env['NO_COLOR'] ? colour : plain;
}

const BOILERPLATE_ORDER: RegionKind[] = [
  'heading', 'caption', 'related-link', 'paywall-notice', 'byline', 'dateline', 'footer',
  'advertisement', 'duplicate', 'other-boilerplate',
];

export function formatReport(doc: Document, style: Style = plain, width = 100): string {
  const s = style;
  const at = (span: { start: number; end: number }) => doc.text.slice(span.start, span.end);
  const out: string[] = [];
  const title = doc.title ? at(doc.title) : '(no title found)';
  out.push(s.bold(title));
  const src = doc.source.uri ?? doc.source.id ?? doc.source.format;
  out.push(s.dim(`${src} · id ${doc.id} · language ${doc.language ?? 'unknown'}`));
  out.push(s.dim(`published: ${doc.published ? `${doc.published.value} (${doc.published.evidence}, confidence ${doc.published.confidence})` : 'unknown'}`));
  out.push('');
  out.push(s.cyan(`Body (${doc.body.length} paragraphs, ${doc.sentences.length} sentences)`));
  for (const p of doc.body) out.push(wrap(at(p), width, '  '), '');
  const regionLines: string[] = [];
  for (const kind of BOILERPLATE_ORDER) {
    for (const r of doc.regions.filter((x) => x.kind === kind)) {
      regionLines.push(`  ${s.yellow(kind.padEnd(17))} ${truncate(at(r), width - 20)}`);
    }
  }
  if (regionLines.length) out.push(s.cyan('Outside the body'), ...regionLines, '');
  if (doc.flags.length) {
    out.push(s.cyan('Flags'));
    for (const f of doc.flags) out.push(`  ${f.kind} (${f.language}): ${at(f)}`);
    out.push('');
  }
  const layers: [string, string[]][] = [
    ['Entities', doc.entities.map((e) => `${e.name} [${e.type}${e.actor ? ` ${e.actor.code}` : ''}] ×${e.mentions.length}`)],
    ['Times', doc.times.map((t) => `${at(t)} → ${t.type} ${t.value}`)],
    ['Quotes', doc.quotes.map((q) => `${q.speaker ?? '?'}: “${truncate(at(q), width - 20)}”`)],
    ['Places', doc.places.map((p) => `${p.name} (${p.country ?? '?'}) ${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}`)],
    ['Events', doc.events.map((e) => `${e.code} ${e.label}: ${e.source?.code ?? '?'} → ${e.target?.code ?? '?'} [${e.modality}] “${at(e.trigger)}”`)],
  ];
  for (const [name, items] of layers) {
    if (!items.length) continue;
    out.push(s.cyan(`${name} (${items.length})`), ...items.map((i) => `  ${i}`), '');
  }
  if (doc.issues.length) {
    out.push(s.cyan('Issues'), ...doc.issues.map((i) => `  ${s.yellow(i.code)} ${i.message}`), '');
  }
  return out.join('\n') + '\n';
}

export function formatErrorReport(record: ErrorRecord, style: Style = plain): string {
  return `${style.red('error')} ${record.source.uri ?? ''}${record.source.line ? `:${record.source.line}` : ''}: ${record.error.code} ${record.error.message}\n`;
}

function truncate(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

function wrap(text: string, width: number, indent: string): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width - indent.length) {
      lines.push(indent + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}
