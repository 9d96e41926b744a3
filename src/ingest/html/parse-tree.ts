/**
 * HTML to a small element tree in one htmlparser2 pass (tolerant of broken markup, linear in the
 * input), collecting the page's metadata pieces on the way: meta tags, JSON-LD, <time>, links.
 */
import { createRequire } from 'node:module';
import type { Parser as HtmlParser } from 'htmlparser2';

// Loaded on the first page, not at start-up: plain-text runs never pay its ~75 ms of module set-up.
const load = createRequire(import.meta.url);
let ParserClass: typeof HtmlParser | null = null;

export interface HtmlElement {
  tag: string;
  /** The id and class names joined by spaces: the evidence class/id rules read. */
  names: string;
  /** Filled by the extractor: characters of text inside, and of link text inside. */
  len: number;
  good: number;
  bad: number;
  /** Characters in prose-shaped, link-poor paragraphs inside. */
  prose: number;
  attrs: Record<string, string>;
  children: HtmlNode[];
  parent: HtmlElement | null;
  /** Index of this element in document order (for "first match" rules). */
  order: number;
}
export type HtmlNode = HtmlElement | string;

export interface ParsedPage {
  root: HtmlElement;
  /** <title> text. */
  titleTag: string;
  firstH1: string;
  meta: Record<string, string>;
  jsonLd: string[];
  /** Date evidence in document order: <time>, itemprop/RDFa dates, date-named elements, labelled dates, script dates. */
  times: DateEvidence[];
  canonical?: string;
}

/**
 * One piece of date evidence and its kind: 'time' (<time>), 'itemprop' / 'rdfa' (datePublished,
 * dateCreated, dc:date… in attributes), 'abbr' (microformat abbr.published), 'element' (an element
 * whose class or id names a date: "post-date", "entry-meta", "byline"), 'label' (a short text
 * saying "Published …", "Erschienen am …"), 'script' (a date key in a page script), 'title'; the
 * same kinds with '-modified' when the evidence names a later change.
 */
export interface DateEvidence { kind: string; datetime?: string; text: string }

/** Class/id names of elements that hold the page's date (matched on the lower-cased names). */
const DATE_NAME = /date|datum|publish|posted|created|authored|byline|dateline|timestamp|postmeta|post-meta|entry-meta|article-meta|meta-info|metainfo|release|erstellt|erschienen|zeitstempel/;
/** "time" as a whole name part ("time", "post-time", "time-rubric"), not "timeline" or "runtime". */
const TIME_NAME = /(?:^|[\s_-])time(?:$|[\s_-])/;
const NOT_DATE_NAME = /candidate|validat|mandat|accommodat|consolidat|liquidat|datepicker|dates-list|calendar/;
const MODIFIED_NAME = /updat|modif|chang|edited|aenderung|änderung/;
/** itemprop / property values that carry dates. */
const DATE_PROP = /^(?:schema:|dc:|dcterms:)?(?:datepublished|datecreated|datemodified|date|created|issued|modified|uploaddate)$/i;
/** Short texts that label a date ("Published on …", "Erschienen am …", "Stand: …"). */
const DATE_LABEL = /\b(?:published|posted|written|erschienen|veröffentlicht|veroeffentlicht|erstellt|geschrieben|publié|publie|publicado|pubblicato|gepubliceerd|opublikowano|datum|date|(?:pressemitteilung|pressemeldung|meldung|nachricht|artikel) vom|stand|updated|aktualisiert|last edited|last modified|letzte änderung|mis à jour|actualizado)\b/i;
const MODIFIED_LABEL = /\b(?:updated|aktualisiert|last edited|last modified|letzte änderung|mis à jour|actualizado|stand)\b/i;
/** A year, or a day.month.year with a two-digit year: the cheap test that a text may hold a date. */
const HAS_DATE = /(?:^|\D)(?:19|20)\d\d(?!\d)|\b\d{1,2}\.\d{1,2}\.\d\d\b/;
/** Date keys in page scripts (not JSON-LD): frameworks' state objects. */
const SCRIPT_DATE = /"(datePublished|dateCreated|published_at|publishedAt|publishedDate|publishDate|publish_date|date_published|createdAt|created_at|firstPublished|firstPublishedDate|publicationDate|pubDate|dateModified|updatedAt|updated_at)"\s*:\s*"([^"]{8,40})"/g;
const MAX_DATES = 60;
const dateNameCache = new Map<string, string>();

/** Elements whose content is never page text. JSON-LD scripts are read separately. */
const DROP_CONTENT = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'video', 'audio', 'select', 'option', 'optgroup', 'textarea', 'button', 'input', 'datalist', 'head',
  'map', 'picture', 'source', 'track', 'param', 'link', 'meta', 'base',
]);
/** Deeper nesting than this (broken pages with thousands of unclosed tags) is flattened. */
const MAX_DEPTH = 180;

export function parseTree(html: string): ParsedPage {
  const root: HtmlElement = { tag: '#root', names: '', attrs: {}, children: [], parent: null, order: 0, len: 0, good: 0, bad: 0, prose: 0 };
  const page: ParsedPage = { root, titleTag: '', firstH1: '', meta: {}, jsonLd: [], times: [] };
  let current = root;
  let depth = 0;
  let overflow = 0; // opened tags not pushed because of MAX_DEPTH
  let order = 1;
  // Text collectors for elements read whole: <title>, the first <h1>, JSON-LD, <time>.
  let dropDepth = 0; // > 0 inside a DROP_CONTENT element
  let titleText: string | null = null;
  let h1Depth = 0;
  let h1Text = '';
  let scriptText: string | null = null;
  let timeText: string | null = null;
  let timeAttr: string | undefined;
  let timeKind = 'time';
  // Open date-bearing elements whose text is being collected, with the stack depth they close at.
  const captures: { kind: string; datetime?: string; text: string; depth: number }[] = [];
  let anyScript = false;
  let pendingLabel = ''; // a short label text ("Datum:") whose date may come in the next text
  const tagStack: string[] = [];

  ParserClass ??= (load('htmlparser2') as typeof import('htmlparser2')).Parser;
  const parser = new ParserClass(
    {
      onopentag(name, attrs) {
        tagStack.push(name);
        if (name === 'meta') readMeta(page, attrs);
        else if (name === 'link' && attrs['href'] && /(^|\s)canonical(\s|$)/i.test(attrs['rel'] ?? '')) page.canonical ??= attrs['href'];
        else if (name === 'title' && !page.titleTag) titleText = '';
        else if (name === 'script' && /ld\+json/i.test(attrs['type'] ?? '')) scriptText = '';
        else if (name === 'script' && !attrs['src']) { scriptText = ''; anyScript = true; }
        else if (name === 'time' && page.times.length < MAX_DATES) {
          timeText = '';
          timeAttr = attrs['datetime'];
          const names = `${attrs['class'] ?? ''} ${attrs['itemprop'] ?? ''}`.toLowerCase();
          timeKind = MODIFIED_NAME.test(names) ? 'time-modified' : attrs['pubdate'] !== undefined || /publish|created/.test(names) ? 'time-published' : 'time';
        } else if (name === 'h1' && !page.firstH1) h1Depth++;
        if (name !== 'time' && name !== 'meta' && page.times.length + captures.length < MAX_DATES) openDateCapture(name, attrs);
        if (dropDepth > 0 || DROP_CONTENT.has(name)) {
          if (!isVoid(name)) dropDepth++;
          return;
        }
        if (depth >= MAX_DEPTH) {
          overflow++;
          return;
        }
        const names = `${attrs['id'] ?? ''} ${attrs['class'] ?? ''}`.trim();
        const el: HtmlElement = { tag: name, names, attrs, children: [], parent: current, order: order++, len: 0, good: 0, bad: 0, prose: 0 };
        current.children.push(el);
        if (!isVoid(name)) {
          current = el;
          depth++;
        }
      },
      ontext(text) {
        if (titleText !== null) titleText += text;
        // Inline scripts are read for date keys only in their first 200,000 characters.
        if (scriptText !== null && (!anyScript || scriptText.length < 200_000)) scriptText += text;
        if (timeText !== null) timeText += text;
        for (const c of captures) if (c.text.length <= 200) c.text += text;
        if (dropDepth === 0 && text.length < 200 && page.times.length < MAX_DATES) {
          if (HAS_DATE.test(text)) {
            // A label opens a short line ("Published on …", "Erschienen am: …"), not a sentence that mentions a date;
            // or it stands in the element just before ("<span>Datum:</span> 26. Januar 2022").
            const t = text.replace(/\s+/g, ' ').trim();
            const label = t.length <= 120 ? DATE_LABEL.exec(t) : null;
            if (label && label.index <= 40) page.times.push({ kind: MODIFIED_LABEL.test(t) ? 'label-modified' : 'label', text: t });
            else if (pendingLabel && t.length <= 60) page.times.push({ kind: MODIFIED_LABEL.test(pendingLabel) ? 'label-modified' : 'label', text: `${pendingLabel} ${t}` });
            pendingLabel = '';
          } else if (text.length <= 60) {
            const t = text.trim();
            if (t) pendingLabel = t.length <= 30 && DATE_LABEL.test(t) && /(?:^|\s)\S+\s*(?:[:\-–]|am|on|le|el|il)?$/i.test(t) ? t.replace(/\s+/g, ' ') : '';
          } else pendingLabel = '';
        }
        if (h1Depth > 0) h1Text += text;
        if (dropDepth > 0) return;
        const last = current.children[current.children.length - 1];
        if (typeof last === 'string') current.children[current.children.length - 1] = last + text;
        else current.children.push(text);
      },
      onclosetag(name, implied) {
        tagStack.pop();
        if (name === 'title' && titleText !== null) {
          page.titleTag = titleText;
          titleText = null;
        } else if (name === 'script' && scriptText !== null) {
          if (anyScript) scriptDates(scriptText);
          else if (page.jsonLd.length < 20) page.jsonLd.push(scriptText);
          scriptText = null;
          anyScript = false;
        } else if (name === 'time' && timeText !== null) {
          page.times.push({ kind: timeKind, ...(timeAttr ? { datetime: timeAttr } : {}), text: timeText.replace(/\s+/g, ' ').trim() });
          timeText = null;
        } else if (name === 'h1' && h1Depth > 0) {
          h1Depth--;
          if (h1Depth === 0 && !page.firstH1) page.firstH1 = h1Text.replace(/\s+/g, ' ').trim() || ' ';
        }
        void implied;
        while (captures.length && captures[captures.length - 1]!.depth > tagStack.length) closeDateCapture(captures.pop()!);
        if (dropDepth > 0) {
          if (!isVoid(name)) dropDepth--;
          return;
        }
        if (overflow > 0) {
          overflow--;
          return;
        }
        if (isVoid(name)) return;
        // htmlparser2 closes elements in order, so the current element is the one closing.
        if (current.parent && current.tag === name) {
          current = current.parent;
          depth--;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  /** Starts collecting an element's text when its attributes or names say it holds a date. */
  function openDateCapture(name: string, attrs: Record<string, string>): void {
    const cls = attrs['class'], id = attrs['id'], testId = attrs['data-testid'];
    const prop = attrs['itemprop'] ?? attrs['property'];
    if (!cls && !id && !testId && !prop) return;
    const value = attrs['content'] ?? attrs['datetime'];
    if (prop && DATE_PROP.test(prop)) {
      const kind = /modified/i.test(prop) ? 'itemprop-modified' : attrs['property'] ? 'rdfa' : 'itemprop';
      if (value) { page.times.push({ kind, datetime: value, text: '' }); return; }
      captures.push({ kind, text: '', depth: tagStack.length });
      return;
    }
    if ((name === 'abbr' || name === 'span') && attrs['title'] && cls) {
      if (name === 'abbr' && /\b(?:published|updated)\b/.test(cls)) {
        page.times.push({ kind: /updated/.test(cls) ? 'abbr-modified' : 'abbr', datetime: attrs['title'], text: '' });
        return;
      }
      if (name === 'span' && /\bupdated\b/.test(cls)) {
        page.times.push({ kind: 'abbr-modified', datetime: attrs['title'], text: '' });
        return;
      }
    }
    if (isVoid(name) || captures.length >= 8 || (!cls && !id && !testId)) return;
    const names = testId ? `${cls ?? ''} ${id ?? ''} ${testId}` : id ? `${cls ?? ''} ${id}` : cls!;
    // Pages repeat a few class names thousands of times: decide each once.
    let kind = dateNameCache.get(names);
    if (kind === undefined) {
      const lower = names.toLowerCase();
      kind = lower.length < 4 || !(DATE_NAME.test(lower) || TIME_NAME.test(lower)) || NOT_DATE_NAME.test(lower) ? '' : MODIFIED_NAME.test(lower) ? 'element-modified' : 'element';
      if (dateNameCache.size > 5000) dateNameCache.clear();
      dateNameCache.set(names, kind);
    }
    if (kind) captures.push({ kind, text: '', depth: tagStack.length });
  }
  function closeDateCapture(c: { kind: string; text: string }): void {
    const text = c.text.replace(/\s+/g, ' ').trim();
    if (!text || text.length > 200 || !HAS_DATE.test(text) || page.times.length >= MAX_DATES) return;
    // Forum and portal clocks ("Current time: …") date the visit, not the page.
    if (/^(?:aktuelle zeit|current time|it is currently|es ist jetzt|heute ist|today is)\b/i.test(text)) return;
    page.times.push({ kind: c.kind === 'element' && MODIFIED_LABEL.test(text) && !/\b(?:published|erschienen|veröffentlicht)\b/i.test(text) ? 'element-modified' : c.kind, text });
  }
  /** Date keys in an inline script (the first 200,000 characters). */
  function scriptDates(code: string): void {
    const head = code.length > 200_000 ? code.slice(0, 200_000) : code;
    SCRIPT_DATE.lastIndex = 0;
    for (let m = SCRIPT_DATE.exec(head); m && page.times.length < MAX_DATES; m = SCRIPT_DATE.exec(head)) {
      if (!HAS_DATE.test(m[2]!)) continue;
      page.times.push({ kind: /modified|updated/i.test(m[1]!) ? 'script-modified' : 'script', datetime: m[2]!, text: '' });
    }
  }

  parser.end(limitNesting(html));
  const titleDate = page.titleTag.length < 300 && HAS_DATE.test(page.titleTag) ? page.titleTag.replace(/\s+/g, ' ').trim() : '';
  if (titleDate) page.times.push({ kind: 'title', text: titleDate });
  if (page.firstH1 === ' ') page.firstH1 = '';
  return page;
}

/**
 * htmlparser2 keeps its open-element stack in an array it shifts at the front, so thousands of
 * unclosed tags cost quadratic time. One linear scan finds such pages; their tags beyond a depth
 * no real page reaches are removed (with as many closing tags) before parsing.
 */
const TAG_RE = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^<>]*?(\/?)>/g;
const NESTING_LIMIT = 500;
export function limitNesting(html: string): string {
  let depth = 0;
  let max = 0;
  TAG_RE.lastIndex = 0;
  for (let m = TAG_RE.exec(html); m; m = TAG_RE.exec(html)) {
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3] && !VOID.has(m[2]!.toLowerCase())) depth++;
    if (depth > max) max = depth;
  }
  if (max <= NESTING_LIMIT) return html;
  depth = 0;
  let dropped = 0;
  return html.replace(TAG_RE, (tag, close: string, name: string, selfClosing: string) => {
    if (close) {
      if (dropped > 0) {
        dropped--;
        return '';
      }
      depth = Math.max(0, depth - 1);
      return tag;
    }
    if (selfClosing || VOID.has(name.toLowerCase())) return tag;
    if (depth >= NESTING_LIMIT) {
      dropped++;
      return '';
    }
    depth++;
    return tag;
  });
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
function isVoid(tag: string): boolean {
  return VOID.has(tag);
}

function readMeta(page: ParsedPage, attrs: Record<string, string>): void {
  const key = attrs['property'] ?? attrs['name'] ?? attrs['itemprop'] ?? attrs['http-equiv'];
  const value = attrs['content'];
  if (key && value) {
    const k = key.toLowerCase();
    if (!(k in page.meta)) page.meta[k] = value.trim();
  }
}

/** The element's text, whitespace collapsed (for short elements: titles, captions). */
export function textOf(node: HtmlNode): string {
  let out = '';
  const walk = (n: HtmlNode) => {
    if (typeof n === 'string') out += n;
    else for (const c of n.children) walk(c);
  };
  walk(node);
  return out.replace(/\s+/g, ' ').trim();
}
