/** The language stage: the document's language and the fragments left untranslated in it. */
import type { Stage } from '../../pipeline/stage.js';
import { detectLanguage, findUntranslated } from './detect-language.js';

export const language: Stage = {
  name: 'language',
  requires: ['body'],
  produces: ['language', 'flags'],
  run(doc) {
    const sample = doc.body.slice(0, 30).map((s) => doc.text.slice(s.start, s.end)).join('\n');
    const lang = detectLanguage(sample || doc.text.slice(0, 5000));
    return { language: lang, flags: lang ? findUntranslated(doc.text, doc.body, lang) : [] };
  },
};
