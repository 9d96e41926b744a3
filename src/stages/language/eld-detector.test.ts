import { readdirSync, readFileSync } from 'node:fs';
import { eld } from 'eld/extrasmall';
import { describe, expect, it } from 'vitest';
import { dataSet } from '../../../eval/shared-data.js';
import { eldDetect } from './eld-detector.js';

/** Ours and eld's answers agree: language, reliability, and reliability at another threshold. */
function same(text: string): void {
  const theirs = eld.detect(text);
  const ours = eldDetect(text);
  expect(ours.language, text.slice(0, 80)).toBe(theirs.language);
  expect(ours.isReliable(), text.slice(0, 80)).toBe(theirs.isReliable());
  // eld's types omit isReliable's threshold argument; its code takes one.
  expect(ours.isReliable(0.5), text.slice(0, 80)).toBe((theirs.isReliable as (ratio?: number) => boolean)(0.5));
}

describe('eldDetect (eld extrasmall over the compact table)', () => {
  it('names the languages eld names, with the same reliability', () => {
    const texts = [
      'The minister said on Tuesday that talks would resume next week in Geneva.',
      'Le ministre a déclaré mardi que les négociations reprendraient la semaine prochaine.',
      'Der Minister sagte am Dienstag, die Gespräche würden nächste Woche fortgesetzt.',
      'El ministro dijo el martes que las conversaciones se reanudarán la próxima semana.',
      'Министр заявил во вторник, что переговоры возобновятся на следующей неделе.',
      'وقال الوزير يوم الثلاثاء إن المحادثات ستستأنف الأسبوع المقبل',
      '部长周二表示，谈判将于下周恢复。',
      'Ο υπουργός δήλωσε την Τρίτη ότι οι συνομιλίες θα συνεχιστούν.',
      'durant la conversation', 'in situ', 'ok', '', '   ', '12345 678', '😀 emoji 𝒜 astral',
      "don't won’t rock`n`roll", 'a'.repeat(2000), 'word '.repeat(400),
    ];
    for (const t of texts) same(t);
  });

  it('agrees with eld on random mixtures of scripts and lengths', () => {
    // A fixed pseudo-random sequence: the same inputs every run.
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const alphabet = 'abcdefghijklmnopqrstuvwxyzéèàüößçñ   ,.\'’-АБВабвгдеαβγδ中文日本語한국어عربية0123456789';
    for (let k = 0; k < 300; k++) {
      let s = '';
      const n = Math.floor(rand() * 400);
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      same(s);
    }
  });

  const dir = dataSet('polnear/train/text');
  it.skipIf(!dir)('agrees with eld on the PolNeAR train texts (whole and in 200-character pieces)', () => {
    const files = readdirSync(dir!).filter((f) => f.endsWith('.txt')).sort().slice(0, 60);
    for (const f of files) {
      const text = readFileSync(`${dir}/${f}`, 'utf8');
      same(text);
      for (let i = 0; i < Math.min(text.length, 3000); i += 200) same(text.slice(i, i + 200));
    }
  });
});
