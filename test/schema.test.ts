/** Every fixture's output validates against the casus/1 schema, and every span lies in the text. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDocument } from '../src/core/document.js';
import { analyze } from '../src/analyze.js';
import { readInputs } from '../src/ingest/read-inputs.js';
import { ROOT, fixturePath } from './helpers/fixtures.js';

const fixtures = readdirSync(fixturePath('.')).map((f) => fixturePath(f));

describe('schema', () => {
  it.each([...fixtures, `${ROOT}examples/article.txt`])('%s validates', async (path) => {
    let n = 0;
    for await (const r of readInputs([path])) {
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      const doc = analyze(r.doc);
      expect(validateDocument(doc)).toEqual([]);
      expect(validateDocument(JSON.parse(JSON.stringify(doc)))).toEqual([]);
      n++;
    }
    expect(n).toBeGreaterThan(0);
  });
  it('catches a span outside the text', () => {
    const doc = analyze('Short text. Two sentences.');
    expect(validateDocument({ ...doc, sentences: [{ start: 0, end: 999 }] })[0]).toMatch(/sentences\[0\]/);
  });
});
