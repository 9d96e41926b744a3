/**
 * Links between the events of a document that complete one-sided events: an agreement answers
 * the request before it, a reply or rebuff rejects the proposal before it, a background noun
 * ("the annexation of …") continues the actor of the conflict just named, and a proposal made in
 * a foreign place is addressed to that place's country. Each link is written into the event's `why`.
 */
import type { Place } from '../../core/document.js';
import type { CameoCodebook } from '../../resources/cameo-codebook.js';
import type { CodedEvent } from './code-events.js';

/** What the coder knows of an event beyond its record: the trigger's lemma (the pattern's first word). */
export interface EventNote {
  lemma: string;
  pos: 'v' | 'n';
}

const AGREEING = new Set(['agree', 'accept', 'consent', 'approve']);
/** Verbs that are a rejection only as the answer to a proposal ("X replied that … only …"). */
export const ANSWERING = new Set(['reply', 'retort', 'answer']);
const REBUFFING = new Set(['rebuff', 'rejection', 'reject', 'dismiss', 'rebuke', 'refuse', ...ANSWERING]);
/** Codes of a proposal to meet or negotiate: rejecting one is 125. */
const MEETING_PROPOSALS = new Set(['026', '036', '106', '0355', '0255', '1055']);
const LOOK_BACK_REQUEST = 2;
const LOOK_BACK_PROPOSAL = 5;
const LOOK_BACK_CONFLICT = 3;

const country = (a: { code: string } | null) => a?.code.slice(0, 3) ?? null;
const isRequest = (e: CodedEvent) => e.root === '02' || e.root === '10' || e.code === '036';
const isProposal = (e: CodedEvent) => e.root === '02' || e.root === '03' || e.root === '10';

function setCode(e: CodedEvent, code: string, codebook: CameoCodebook): void {
  const entry = codebook.get(code);
  if (!entry) return;
  Object.assign(e, { code, label: entry.label, root: entry.root, quadClass: entry.quadClass, goldstein: entry.goldstein, plover: entry.plover });
}

function addTarget(e: CodedEvent, t: { entity: string | null; code: string }, rule: string): void {
  e.target = { entity: t.entity, code: t.code };
  e.why = e.why.replace(/target: none$/, `target: ${rule}`);
}

function addSource(e: CodedEvent, s: { entity: string | null; code: string }, rule: string): void {
  e.source = { entity: s.entity, code: s.code };
  e.why = e.why.replace(/source: none;/, `source: ${rule};`);
}

/** The latest earlier event within `back` sentences that passes the test. */
function latestBefore(events: readonly CodedEvent[], i: number, back: number, test: (e: CodedEvent) => boolean): CodedEvent | null {
  const e = events[i]!;
  for (let k = i - 1; k >= 0; k--) {
    const p = events[k]!;
    if (p.sentence < e.sentence - back) break;
    if (p.sentence <= e.sentence && test(p)) return p;
  }
  return null;
}

/** Completes one-sided events from their neighbours; drops answers that answer nothing. Events are in text order. */
export function linkDiscourse(events: CodedEvent[], notes: readonly EventNote[], places: readonly Place[], codebook: CameoCodebook): CodedEvent[] {
  const drop = new Set<number>();
  events.forEach((e, i) => {
    const note = notes[i]!;
    // "Mr. X had requested a call. Mr. Y … immediately agreed.": Y agreed to X.
    if (!e.target && e.source && e.root === '03' && AGREEING.has(note.lemma)) {
      const r = latestBefore(events, i, LOOK_BACK_REQUEST, (p) => isRequest(p) && !!p.source && country(p.source) !== country(e.source) && p.modality !== 'negated');
      if (r) {
        addTarget(e, r.source!, `author of the request it answers (sentence ${r.sentence + 1})`);
        if (!r.target) addTarget(r, e.source, `the actor who agreed to it (sentence ${e.sentence + 1})`);
      }
    }
    // "B suggested … . A replied that … only …", "A more frank rebuff came from C": they reject B's proposal.
    if (!e.target && e.source && (e.root === '12' || e.root === '11') && REBUFFING.has(note.lemma)) {
      const p = latestBefore(events, i, LOOK_BACK_PROPOSAL, (x) => isProposal(x) && !!x.source && country(x.source) !== country(e.source) && x.modality !== 'negated');
      if (p) {
        addTarget(e, p.source!, `author of the proposal it answers (sentence ${p.sentence + 1})`);
        if (e.root === '12' && MEETING_PROPOSALS.has(p.code)) setCode(e, '125', codebook);
      } else if (ANSWERING.has(note.lemma)) drop.add(i);
    }
    // "… demands addressed by Moscow to NATO …. The Kremlin recalls the Russian demands": a noun
    // event with no target names again the same kind of event by the same actor, and its target.
    if (!e.target && e.source && note.pos === 'n') {
      const same = latestBefore(events, i, Infinity, (x) => x !== e && x.root === e.root && !!x.target && country(x.source) === country(e.source) && notes[events.indexOf(x)]?.lemma === note.lemma);
      if (same) addTarget(e, same.target!, `target of the same ${note.lemma} by the same actor named before (sentence ${same.sentence + 1})`);
    }
    // "A reference to the annexation of Crimea": a conflict noun without its actor continues the
    // actor of the conflict event against the same country just before.
    if (!e.source && e.target && note.pos === 'n' && /^(1[5-9]|20)/.test(e.root)) {
      const c = latestBefore(events, i, LOOK_BACK_CONFLICT, (x) => x !== e && /^(1[5-9]|20)/.test(x.root) && !!x.source && country(x.target) === country(e.target) && country(x.source) !== country(e.target));
      if (c) addSource(e, c.source!, `actor of the conflict with the same country just before (sentence ${c.sentence + 1})`);
    }
  });
  // "B suggested in Moscow that …": an appeal or proposal made in another country is addressed to it.
  events.forEach((e) => {
    if (e.target || !e.source || !e.place || (e.root !== '02' && e.root !== '03')) return;
    const p = places.find((x, k) => (x.id ?? `p${k + 1}`) === e.place);
    const c = p?.country;
    if (!c || !/^[A-Z]{3}$/.test(c) || c === country(e.source)) return;
    addTarget(e, { entity: p.entity ?? null, code: c }, `country of the place where it was made ("in ${p.name}")`);
  });
  return drop.size ? events.filter((_, i) => !drop.has(i)) : events;
}
