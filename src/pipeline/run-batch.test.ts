import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, analyzeBatch, analyzeWorking } from '../analyze.js';
import { buildPipeline } from './build-pipeline.js';
import type { Stage } from './stage.js';

const article = readFileSync(new URL('../../examples/article.txt', import.meta.url), 'utf8');

describe('analyzeBatch: stage by stage over several documents', () => {
  it('gives each document exactly what analyze gives it alone', () => {
    const inputs = [
      article,
      'Talks stall\n\nThe foreign minister of Norway met rebels in Oslo on Monday. “We will not give up,” she said.',
      '',
      article.slice(0, 600),
      '<html><body><h1>Strike</h1><p>Workers at the port walked out on Friday, the union said.</p></body></html>',
    ];
    const batch = analyzeBatch(inputs, { published: '2024-05-02' });
    expect(batch).toHaveLength(inputs.length);
    batch.forEach((r, k) => {
      expect(r.ok).toBe(true);
      if (r.ok) expect(JSON.stringify(r.doc)).toBe(JSON.stringify(analyze(inputs[k]!, { published: '2024-05-02' })));
    });
  });

  it('runs each stage over the whole batch before the next stage', () => {
    const seen: string[] = [];
    const stage = (name: 'language' | 'flags'): Stage => ({
      name, requires: [], produces: [name],
      run(doc) { seen.push(`${name}:${doc.text}`); return name === 'language' ? { language: null } : { flags: [] }; },
    });
    const pipeline = buildPipeline([stage('language'), stage('flags')]);
    analyzeBatch(['a', 'b'], { pipeline, format: 'text' });
    expect(seen).toEqual(['language:a', 'language:b', 'flags:a', 'flags:b']);
  });

  it('keeps going when one document fails: that one gives its error, the others their documents', () => {
    const failing: Stage = {
      name: 'fails on "bad"', requires: [], produces: ['flags'],
      run(doc) {
        if (doc.text === 'bad') throw new Error('cannot read this one');
        return { flags: [], issues: [{ code: 'W_SEEN', message: doc.text, span: null }] };
      },
    };
    const after: Stage = { name: 'after', requires: ['flags'], produces: ['language'], run: () => ({ language: 'en' }) };
    const pipeline = buildPipeline([failing, after]);
    const [a, bad, c] = analyzeBatch(['good', 'bad', 'also good'], { pipeline, format: 'text' });
    expect(bad).toEqual({ ok: false, error: new Error('cannot read this one') });
    for (const [result, text] of [[a, 'good'], [c, 'also good']] as const) {
      const r = result!;
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.doc.language).toBe('en');
        expect(r.doc.issues).toEqual([{ code: 'W_SEEN', message: text, span: null }]);
        expect(JSON.stringify(r.doc)).toBe(JSON.stringify(analyze(text, { pipeline, format: 'text' })));
      }
    }
    expect(() => analyzeWorking('bad', { pipeline, format: 'text' })).toThrow('cannot read this one');
  });
});
