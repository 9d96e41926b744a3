/**
 * Main-content extraction: the page becomes text blocks (paragraphs, list items, cells, headings);
 * the container holding most prose and least boilerplate is chosen, and its blocks are labelled
 * from DOM evidence (headings, captions, bylines, related links, share bars, comments, …).
 */
import type { RegionKind } from '../../core/document.js';
import { boilerplateEvidence, contentEvidence } from './dom-evidence.js';
import type { Evidence } from './dom-evidence.js';
import type { HtmlElement, HtmlNode } from './parse-tree.js';

export interface ContentBlock {
  text: string;
  kind: RegionKind;
  /** The DOM evidence for the kind, e.g. "html:h2", "html:figcaption", "html:share-bar", "html:p". */
  rule: string;
}

interface RawBlock {
  text: string;
  /** Letters and digits in the block, and those inside links. */
  len: number;
  linkLen: number;
  /** The nearest block-level element holding the text. */
  owner: HtmlElement;
  /** Tag-level kind: heading level, caption, list item, … */
  tag: string;
  inFigure: boolean;
  inLink: boolean;
}

const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'blockquote',
  'pre', 'figure', 'figcaption', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'dl', 'dt', 'dd', 'header', 'footer',
  'aside', 'nav', 'br', 'hr', 'address', 'caption', 'form', 'fieldset', 'legend', 'center', 'details', 'summary', 'body',
  'html', 'menu', 'dialog', 'noframes', 'frameset', 'frame', 'hgroup', 'label',
]);
const HEADING = /^h[1-6]$/;

/** Collects text blocks in reading order; sets each element's `len` (letters and digits inside). */
function collectBlocks(root: HtmlElement): RawBlock[] {
  const blocks: RawBlock[] = [];
  let text = '';
  let len = 0;
  let linkLen = 0;
  let owner: HtmlElement = root;
  let tag = '';
  let inFigure = 0;
  let linkDepth = 0;
  let allLink = true;
  const flush = () => {
    if (len > 0) {
      const t = text.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
      blocks.push({ text: t, len, linkLen, owner, tag, inFigure: inFigure > 0, inLink: allLink && linkLen > 0 });
    }
    text = '';
    len = 0;
    linkLen = 0;
    allLink = true;
  };
  const walk = (el: HtmlElement, blockOwner: HtmlElement, blockTag: string) => {
    const isBlock = BLOCK.has(el.tag);
    if (isBlock) {
      flush();
      blockOwner = el;
      if (el.tag !== 'div' || !blockTag) blockTag = el.tag;
      if (el.tag === 'div' || el.tag === 'section' || el.tag === 'article') blockTag = el.tag;
    }
    owner = blockOwner;
    tag = blockTag;
    const isLink = el.tag === 'a';
    if (isLink) linkDepth++;
    if (el.tag === 'figure') inFigure++;
    const before = len;
    let inner = 0;
    for (const child of el.children) {
      if (typeof child === 'string') {
        const n = countChars(child);
        if (n === 0) {
          text += child;
          continue;
        }
        owner = blockOwner;
        tag = blockTag;
        text += child;
        len += n;
        inner += n;
        if (linkDepth > 0) linkLen += n;
        else allLink = false;
      } else {
        const lenBefore = len;
        walk(child, blockOwner, blockTag);
        inner += child.len;
        void lenBefore;
        owner = blockOwner;
        tag = blockTag;
      }
    }
    void before;
    el.len = inner;
    if (isLink) {
      linkDepth--;
      text += ' ';
    }
    if (el.tag === 'figure') inFigure--;
    if (isBlock) flush();
    else if (el.tag === 'img' && text && !/\s$/.test(text)) text += ' ';
  };
  walk(root, root, '');
  flush();
  return blocks;
}

function countChars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Not whitespace, not ASCII punctuation: a rough "letters and digits" count that is cheap.
    if (c > 47 && (c < 58 || (c > 64 && c < 91) || (c > 96 && c < 123) || c > 127) && c !== 160 && c !== 8203) n++;
  }
  return n;
}

/** Boilerplate evidence in force for an element, with the exceptions that keep the article. */
function effectiveEvidence(el: HtmlElement, pageLen: number, memo: Map<HtmlElement, Evidence | null>): Evidence | null {
  let e = memo.get(el);
  if (e !== undefined) return e;
  e = boilerplateEvidence(el);
  if (e && e.kind !== 'drop') {
    // A wrapper of most of the page ("main-nav-wrapper" around everything), a named article
    // container, an <article> or <main> (unless comments), or an ancestor of one, is not
    // boilerplate, whatever else its names say ("sticky-sidebar-parent").
    if (el.len > 0.55 * pageLen || el.tag === 'body' || el.tag === 'html' || holdsArticle(el)) e = null;
    // Nor is an element that holds mostly long prose paragraphs: navigation, sidebars, share bars
    // and teasers are short lines and links. Comments are prose, so their names stay evidence.
    else if (e.rule !== 'html:comments' && (el.tag === 'article' || el.tag === 'main' || (el.prose >= PROSE_MIN && el.prose >= PROSE_SHARE * el.len))) e = null;
  }
  memo.set(el, e);
  return e;
}

const articleMemo = new WeakMap<HtmlElement, boolean>();
/** Whether the element is, or contains, a named article container (itemprop=articleBody, "entry-content", …). */
function holdsArticle(el: HtmlElement): boolean {
  let v = articleMemo.get(el);
  if (v === undefined) {
    v = contentEvidence(el) >= 2;
    if (!v) for (const c of el.children) if (typeof c !== 'string' && c.len > 0 && holdsArticle(c)) { v = true; break; }
    articleMemo.set(el, v);
  }
  return v;
}

/** The nearest ancestor evidence (below `stop`), as [evidence, element]. */
function evidenceAbove(el: HtmlElement, stop: HtmlElement | null, pageLen: number, memo: Map<HtmlElement, Evidence | null>): Evidence | null {
  let best: Evidence | null = null;
  for (let cur: HtmlElement | null = el; cur && cur !== stop; cur = cur.parent) {
    const e = effectiveEvidence(cur, pageLen, memo);
    if (e) {
      if (e.kind === 'drop') return e;
      best ??= e;
    }
  }
  return best;
}

export interface Extraction {
  blocks: ContentBlock[];
  /** The chosen container's tag and names, for --verbose explanations. */
  container: string;
}

/**
 * Good text (prose-like, few links, no boilerplate evidence) counts for a container; bad text
 * (link lists, boilerplate-marked elements) counts against it with this weight.
 */
const BAD_WEIGHT = 0.6;
/** Prose (characters, and share of the element's text) that outweighs boilerplate-like names. */
const PROSE_MIN = 600;
const PROSE_SHARE = 0.5;

export function extractContent(root: HtmlElement): Extraction {
  const raw = collectBlocks(root);
  const pageLen = root.len || 1;
  for (const b of raw) {
    if (b.len < 80 || b.linkLen > 0.3 * b.len || !isProseBlock(b.text)) continue;
    for (let cur: HtmlElement | null = b.owner; cur; cur = cur.parent) cur.prose += b.len;
  }
  const memo = new Map<HtmlElement, Evidence | null>();

  // Score: every block adds its good or bad characters to all its ancestors.
  const blockEv: (Evidence | null)[] = [];
  for (const b of raw) {
    const ev = evidenceAbove(b.owner, null, pageLen, memo);
    blockEv.push(ev);
    if (ev?.kind === 'drop') continue;
    const density = b.linkLen / b.len;
    let good = 0;
    let bad = 0;
    if (ev) bad = b.len;
    else if (density > 0.5) bad = b.len;
    else if (HEADING.test(b.tag)) good = 0;
    else if (b.len >= 50 || (b.len >= 20 && /[.!?:;,]["'”»)]?$/.test(b.text))) good = b.len * (1 - density);
    else good = b.len * 0.3;
    if (good === 0 && bad === 0) continue;
    for (let cur: HtmlElement | null = b.owner; cur; cur = cur.parent) {
      cur.good += good;
      cur.bad += bad;
    }
  }

  // The container: the element with the best good − w·bad, named content containers helped.
  let best = root;
  let bestScore = -Infinity;
  const visit = (el: HtmlElement) => {
    if (el.good > 0) {
      const bonus = contentEvidence(el);
      const score = (el.good - BAD_WEIGHT * el.bad) * (bonus >= 2 ? 1.15 : 1);
      if (score > bestScore) {
        bestScore = score;
        best = el;
      }
    }
    for (const c of el.children) if (typeof c !== 'string' && c.good > 0) visit(c);
  };
  visit(root);

  // Articles split over sibling elements (text, then a table, then more text): siblings of the
  // container, and of its parent, that hold mostly good text join it.
  const chosen = new Set<HtmlElement>([best]);
  let level: HtmlElement = best;
  for (let up = 0; up < 2 && level.parent; up++) {
    const ref = level.good;
    for (const s of level.parent.children) {
      if (typeof s === 'string' || s === level || s.good <= 0) continue;
      if (s.good >= 0.1 * ref && s.good > 1.5 * s.bad) chosen.add(s);
    }
    level = level.parent;
  }
  const inside = (el: HtmlElement) => {
    for (let cur: HtmlElement | null = el; cur; cur = cur.parent) if (chosen.has(cur)) return true;
    return false;
  };
  const blocks: ContentBlock[] = [];
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    if (!inside(b.owner)) continue;
    const ev = evidenceAbove(b.owner, null, pageLen, memo);
    if (ev?.kind === 'drop') continue;
    blocks.push({ text: b.text, ...labelBlock(b, ev) });
  }
  labelShortBlocks(blocks);
  return { blocks, container: `${best.tag}${best.names ? ` "${best.names}"` : ''}` };
}

function labelBlock(b: RawBlock, ev: Evidence | null): { kind: RegionKind; rule: string } {
  if (ev && ev.kind !== 'drop') return { kind: ev.kind, rule: ev.rule };
  if (HEADING.test(b.tag)) return { kind: 'heading', rule: `html:${b.tag}` };
  if (b.tag === 'figcaption' || b.tag === 'caption' || b.inFigure) return { kind: 'caption', rule: `html:${b.inFigure ? 'figure' : b.tag}` };
  if (b.tag === 'address') return { kind: 'byline', rule: 'html:address' };
  if (b.linkLen / b.len > 0.5 && b.tag === 'li') return { kind: 'related-link', rule: 'html:link-list' };
  return { kind: 'body', rule: `html:${b.tag || 'text'}` };
}

export type { HtmlNode };

/** Ideographic scripts write words without spaces: count their characters by pairs. */
function wordCount(t: string): number {
  const words = t.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)?.length ?? 0;
  const ideo = t.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0;
  return ideo > 0 ? Math.max(words, Math.round(ideo / 2)) : words;
}

/** Prose by its own shape: long, or a sentence with its final punctuation. */
function isProseBlock(t: string): boolean {
  const w = wordCount(t);
  return w >= 15 || (w >= 5 && /[.!?…:;)"'”»“’]$/u.test(t));
}

const STRUCTURED = new Set(['html:li', 'html:td', 'html:th', 'html:dd', 'html:dt', 'html:pre', 'html:tr']);

/**
 * Short paragraphs ("Mehr zum Thema", "Bild: Agentur", a date) are body only between prose, as
 * jusText decides: at the edges of the content, or among other boilerplate, they are not. List
 * items and table cells stay body (ingredients, facts), unless link lists.
 */
function labelShortBlocks(blocks: ContentBlock[]): void {
  const prose = blocks.map((b) => b.kind === 'body' && isProseBlock(b.text));
  const isShort = (i: number) => blocks[i]!.kind === 'body' && !prose[i] && !STRUCTURED.has(blocks[i]!.rule);
  // The nearest block on each side that is neither short nor a heading decides.
  const side = (i: number, step: number): boolean => {
    for (let j = i + step; j >= 0 && j < blocks.length; j += step) {
      if (isShort(j) || blocks[j]!.kind === 'heading') continue;
      return prose[j]! || (blocks[j]!.kind === 'body' && STRUCTURED.has(blocks[j]!.rule));
    }
    return false;
  };
  const verdict = blocks.map((_, i) => !isShort(i) || (side(i, -1) && side(i, 1)));
  blocks.forEach((b, i) => {
    if (!verdict[i]) blocks[i] = { ...b, kind: 'other-boilerplate', rule: 'html:short-outside-prose' };
  });
  // A heading introduces the text after it: over a link list, comments or nothing it is boilerplate
  // ("Mehr zum Thema", "Comments"), as is a subheading left alone at the end.
  for (let i = blocks.length - 1; i >= 0; i--) {
    if (blocks[i]!.kind !== 'heading') continue;
    let j = i + 1;
    while (j < blocks.length && blocks[j]!.kind === 'heading') j++;
    const next = blocks[j];
    if (!next || (next.kind !== 'body' && next.kind !== 'caption')) blocks[i] = { ...blocks[i]!, kind: 'other-boilerplate', rule: 'html:heading-without-text' };
  }
}
