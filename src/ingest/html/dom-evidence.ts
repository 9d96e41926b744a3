/**
 * What an element's tag, role and id/class names say about it: main content container, or a kind
 * of boilerplate (navigation, sidebar, comments, share bar, related links, byline, …).
 */
import type { RegionKind } from '../../core/document.js';
import type { HtmlElement } from './parse-tree.js';

export type Evidence =
  | { kind: 'drop'; rule: string } // never page text (hidden, forms' widgets)
  | { kind: Exclude<RegionKind, 'title' | 'body' | 'heading' | 'duplicate'>; rule: string };

/**
 * Name words that mark boilerplate, matched against the parts of an id or class name split on
 * "-", "_" and case changes ("post-share-bar" → post, share, bar). Order matters: first match wins.
 */
const NAME_RULES: [RegExp, Evidence][] = [
  [/^(comments?|kommentare?|commentaires?|disqus|respond|replies|reply|discussion|leserkommentare)$/, { kind: 'other-boilerplate', rule: 'html:comments' }],
  [/^(cookies?|consent|gdpr|cmp|onetrust|privacy-?banner)$/, { kind: 'other-boilerplate', rule: 'html:cookie-banner' }],
  [/^(share|shares|sharing|sharebar|social|socials|sociable|socialmedia|shariff|addthis|sharethis)$/, { kind: 'other-boilerplate', rule: 'html:share-bar' }],
  [/^(related|relatedposts|recommended|recommendations|recirculation|morestories|readmore|more-?articles|teaser|teasers|popular|mostread|most-?popular|trending|outbrain|taboola|plista|weitere)$/, { kind: 'related-link', rule: 'html:related' }],
  [/^(byline|author|authors|autor|auteur|author-?info|authorbox|about-?author|posted-?by|dateline|meta|postmeta|entry-?meta|post-?meta|article-?meta|infoline|timestamp|date|datum|published)$/, { kind: 'byline', rule: 'html:byline' }],
  [/^(paywall|premium|subscribe|subscription|abo|plus-?teaser|regwall)$/, { kind: 'paywall-notice', rule: 'html:paywall' }],
  [/^(ad|ads|adv|advert|advertisement|advertising|anzeige|werbung|sponsor|sponsored|banner|adsense|dfp|promo)$/, { kind: 'advertisement', rule: 'html:advertisement' }],
  [/^(footer|foot|bottom|copyright|impressum|imprint|legal|colophon)$/, { kind: 'footer', rule: 'html:footer' }],
  [/^(nav|navbar|navigation|menu|menue|submenu|subnav|breadcrumb|breadcrumbs|pagination|pager|paging|toc|skip|skiplinks|toolbar|topbar|tabs|jump|sitemap|search|suche|login|signin|header-?nav)$/, { kind: 'other-boilerplate', rule: 'html:navigation' }],
  [/^(sidebar|side|aside|rail|rightcol|leftcol|right-?column|left-?column|marginal|widget|widgets|module-?list|box-?right|secondary)$/, { kind: 'other-boilerplate', rule: 'html:sidebar' }],
  [/^(tags?|tag-?list|tagcloud|keywords|schlagworte|categories|kategorien|labels|topics)$/, { kind: 'related-link', rule: 'html:tags' }],
  [/^(newsletter|signup|follow|print|drucken|rating|ratings|votes?|lightbox|modal|popup|overlay|slider|carousel|gallery|slideshow)$/, { kind: 'other-boilerplate', rule: 'html:widget' }],
];

/** Tags that are boilerplate by nature (HTML5 sectioning for site chrome). */
const TAG_RULES: Record<string, Evidence> = {
  nav: { kind: 'other-boilerplate', rule: 'html:nav' },
  aside: { kind: 'other-boilerplate', rule: 'html:aside' },
  footer: { kind: 'footer', rule: 'html:footer' },
  menu: { kind: 'other-boilerplate', rule: 'html:nav' },
  form: { kind: 'other-boilerplate', rule: 'html:form' },
};

const ROLE_RULES: Record<string, Evidence> = {
  navigation: { kind: 'other-boilerplate', rule: 'html:nav' },
  complementary: { kind: 'other-boilerplate', rule: 'html:aside' },
  contentinfo: { kind: 'footer', rule: 'html:footer' },
  banner: { kind: 'other-boilerplate', rule: 'html:page-header' },
  search: { kind: 'other-boilerplate', rule: 'html:nav' },
  dialog: { kind: 'other-boilerplate', rule: 'html:widget' },
  alertdialog: { kind: 'other-boilerplate', rule: 'html:widget' },
};

/** Class names that describe state or taxonomy, not the element's job ("tag-politics", "has-sidebar"). */
const STATE_NAME = /^(tag|category|cat|has|with|no|is|page-template|single|post-type|format|status|type|term|wp|js|lang|hentry|template|layout|theme|col|row|span|grid|size|color|bg|text|font|align|float|clear|clearfix|visible|show|d|m|p|mt|mb|pt|pb|w|h|sm|md|lg|xl)(-|_|$)/;

const cache = new Map<string, Evidence | null>();

/** The boilerplate evidence an element carries in its own tag, role, id or class, or null. */
export function boilerplateEvidence(el: HtmlElement): Evidence | null {
  const a = el.attrs;
  if (a['hidden'] !== undefined || a['aria-hidden'] === 'true') return { kind: 'drop', rule: 'html:hidden' };
  const style = a['style'];
  if (style && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return { kind: 'drop', rule: 'html:hidden' };
  const byTag = TAG_RULES[el.tag];
  if (byTag) return byTag;
  const role = a['role'];
  if (role && ROLE_RULES[role]) return ROLE_RULES[role]!;
  if (!el.names) return null;
  let hit = cache.get(el.names);
  if (hit === undefined) {
    hit = namesEvidence(el.names);
    if (cache.size > 5000) cache.clear();
    cache.set(el.names, hit);
  }
  return hit;
}

function namesEvidence(names: string): Evidence | null {
  for (const name of names.split(/\s+/)) {
    // BEM modifiers ("section--has-ads", "teaser--wide") describe a state, not the element's job.
    const base = name.split('--')[0]!;
    const lower = base.toLowerCase();
    if (!base || STATE_NAME.test(lower)) continue;
    const parts = splitName(base);
    const whole = lower.replace(/[-_]/g, '');
    for (const [re, ev] of NAME_RULES) {
      // The whole name, or one of its parts, or two adjacent parts joined ("most-read" → mostread).
      if (re.test(whole)) return ev;
      for (let i = 0; i < parts.length; i++) {
        if (re.test(parts[i]!) || (i + 1 < parts.length && re.test(parts[i]! + parts[i + 1]!))) return ev;
      }
    }
  }
  return null;
}

function splitName(name: string): string[] {
  const parts = name.split(/[-_:.]+|(?<=[a-z])(?=[A-Z])/).map((p) => p.toLowerCase()).filter(Boolean);
  // "js-has-sidebar", "with-comments": what follows a state word is not this element's job.
  const state = parts.findIndex((p) => STATE_WORD.has(p));
  return state >= 0 ? parts.slice(0, state) : parts;
}
const STATE_WORD = new Set(['has', 'with', 'no', 'is', 'show', 'hide', 'hidden', 'without', 'contains', 'for', 'after', 'before', 'above', 'below']);

/**
 * Names of main-content containers ("entry-content", "article-body", itemprop=articleBody, …):
 * strong evidence that an element holds the article. Matched on the whole lower-cased name.
 */
const CONTENT_NAME = /^(article-?(body|content|text|inner|main)|articlebody|articletext|articlecontent|story-?(body|content|text)|storycontent|entry-?(content|body|text)|post-?(body|content|text|entry|inner)|postcontent|postbody|posttext|blog-?(post|content)|content-?(body|main|inner|text|article)|main-?content|maincontent|page-?content|single-?(content|post)|text-?(content|body)|body-?text|field-?body|fulltext|news-?(text|body|content|article)|artikel-?(text|inhalt|body)|beitrag|inhalt|haupttext|art-?content)$/;

/** How strongly the element's own names say "the article is here" (0 = no evidence). */
export function contentEvidence(el: HtmlElement): number {
  const a = el.attrs;
  if (a['itemprop'] === 'articleBody' || a['itemprop'] === 'text') return 3;
  if (el.tag === 'article' || a['role'] === 'main' || el.tag === 'main') return 1;
  if (!el.names) return 0;
  const names = el.names.toLowerCase();
  for (const name of names.split(/\s+/)) {
    if (CONTENT_NAME.test(name.replace(/_/g, '-'))) return 2;
  }
  if (/(^|\s)(content|article|post|entry|story|main|text|artikel)(\s|$)/.test(names)) return 1;
  return 0;
}
