/**
 * Which order a document's region writes numeric dates in (12/03/2021: 12 March or 3 December),
 * from its locale metadata, its language, or its site's country domain; null when nothing says.
 */
import type { Document } from '../../core/document.js';
import { vocab } from './vocabulary.js';

/** Meta tags that name a page's locale or language ("en_GB", "en-US", "de"). */
const LOCALE_TAGS = ['og:locale', 'content-language', 'language', 'dc.language', 'inlanguage'];

/** Day first for a region code, false for month first, null for a region that mixes both. */
function regionDayFirst(region: string): boolean | null {
  const nd = vocab().lex.numericDates;
  if (nd.mixedRegions.includes(region)) return null;
  return !nd.monthFirstRegions.includes(region);
}

/** Day first (true), month first (false) or unknown (null) for a locale tag. */
export function localeDayFirst(tag: string): boolean | null {
  const m = /^([a-z]{2,3})(?:[-_]([a-z]{2}))?\b/i.exec(tag.trim());
  if (!m) return null;
  if (m[2]) return regionDayFirst(m[2].toLowerCase());
  // A language alone: English is written both ways; the others write the day first.
  return m[1]!.toLowerCase() === 'en' ? null : true;
}

/** The document's numeric-date order: its locale, else its language, else its country domain. */
export function dayFirstOf(doc: Pick<Document, 'metadata' | 'language' | 'source'>): boolean | null {
  const meta = doc.metadata?.meta;
  if (meta) {
    for (const k of LOCALE_TAGS) {
      const v = meta[k];
      if (v) {
        const r = localeDayFirst(v);
        if (r !== null) return r;
      }
    }
  }
  if (doc.language && doc.language !== 'en' && /^[a-z]{2,3}$/.test(doc.language)) return true;
  const url = doc.metadata?.canonicalUrl ?? doc.source.uri;
  const host = url ? /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)/i.exec(url)?.[1]?.toLowerCase() : undefined;
  const tld = host ? /\.([a-z]{2})$/.exec(host)?.[1] : undefined;
  if (tld && !vocab().lex.numericDates.genericDomains.includes(tld)) return regionDayFirst(tld === 'uk' ? 'gb' : tld);
  return null;
}
