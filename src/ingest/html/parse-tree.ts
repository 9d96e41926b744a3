/**
 * HTML to a small element tree in one htmlparser2 pass (tolerant of broken markup, linear in the
 * input), collecting the page's metadata pieces on the way: meta tags, JSON-LD, <time>, links.
 */
import { Parser } from 'htmlparser2';

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
  times: { datetime?: string; text: string }[];
  canonical?: string;
}

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
  const tagStack: string[] = [];

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        tagStack.push(name);
        if (name === 'meta') readMeta(page, attrs);
        else if (name === 'link' && attrs['href'] && /(^|\s)canonical(\s|$)/i.test(attrs['rel'] ?? '')) page.canonical ??= attrs['href'];
        else if (name === 'title' && !page.titleTag) titleText = '';
        else if (name === 'script' && /ld\+json/i.test(attrs['type'] ?? '')) scriptText = '';
        else if (name === 'time' && page.times.length < 20) {
          timeText = '';
          timeAttr = attrs['datetime'];
        } else if (name === 'h1' && !page.firstH1) h1Depth++;
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
        if (scriptText !== null) scriptText += text;
        if (timeText !== null) timeText += text;
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
          if (page.jsonLd.length < 20) page.jsonLd.push(scriptText);
          scriptText = null;
        } else if (name === 'time' && timeText !== null) {
          page.times.push({ ...(timeAttr ? { datetime: timeAttr } : {}), text: timeText.replace(/\s+/g, ' ').trim() });
          timeText = null;
        } else if (name === 'h1' && h1Depth > 0) {
          h1Depth--;
          if (h1Depth === 0 && !page.firstH1) page.firstH1 = h1Text.replace(/\s+/g, ' ').trim() || ' ';
        }
        void implied;
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
  parser.end(limitNesting(html));
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
