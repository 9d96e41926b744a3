/**
 * JSON Lines: one document per line (`id`, `text` or `html`, `published`, `url`, `title`).
 * A bad line becomes a failure naming its line number; the other lines go on.
 */
import { htmlResult } from './html-reader.js';
import type { RawDocument, ReadResult } from './raw-document.js';

/** `deferHtml`: an `html` field is left for readDeferred() (see RawDocument.markup). */
export function* readJsonl(content: string, uri: string, deferHtml = false): Generator<ReadResult> {
  const lines = content.split('\n');
  const endsWithNewline = content.endsWith('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (!line.trim()) continue;
    const lineNo = i + 1;
    const isLast = i === lines.length - 1 && !endsWithNewline;
    const source = { uri, format: 'jsonl' as const, line: lineNo };
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      const truncated = isLast && !line.trimEnd().endsWith('}');
      yield {
        ok: false,
        failure: truncated
          ? { source, code: 'E_JSONL_TRUNCATED', message: `line ${lineNo} is truncated (the file ends inside a JSON object)` }
          : { source, code: 'E_JSONL_PARSE', message: `line ${lineNo} is not valid JSON: ${(e as Error).message}` },
      };
      continue;
    }
    yield fromRecord(value, uri, lineNo, deferHtml);
  }
}

function fromRecord(value: unknown, uri: string, line: number, deferHtml: boolean): ReadResult {
  const rec = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof rec[k] === 'string' ? (rec[k] as string) : undefined);
  const id = str('id') ?? (typeof rec['id'] === 'number' ? String(rec['id']) : undefined);
  const source = { uri, format: 'jsonl' as const, line, ...(id ? { id } : {}) };
  const text = str('text');
  const html = str('html');
  if (text === undefined && html === undefined) {
    return { ok: false, failure: { source, code: 'E_JSONL_FIELDS', message: `line ${line} has no "text" or "html" string field` } };
  }
  if ((text ?? html ?? '').trim() === '') {
    return { ok: false, failure: { source, code: 'E_INPUT_EMPTY', message: `line ${line} has an empty ${text !== undefined ? '"text"' : '"html"'}` } };
  }
  let doc: RawDocument;
  if (text !== undefined) {
    doc = { source, text, metadata: {}, knownRegions: [], warnings: [] };
  } else {
    const result = htmlResult(html!, source, { where: `line ${line}: ` }, deferHtml);
    if (!result.ok) return result;
    doc = result.doc;
  }
  const published = str('published');
  const title = str('title');
  const url = str('url');
  doc.metadata = {
    ...doc.metadata,
    ...(published ? { published } : {}),
    ...(title ? { title } : {}),
    ...(url ? { canonicalUrl: url } : {}),
  };
  return { ok: true, doc };
}
