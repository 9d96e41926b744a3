/**
 * What a parser returns: a span of text with either a fully known TIMEX3 value, a calendar point
 * with some fields known (the rest implied by the reference date and tense), or a function that
 * resolves it against the environment (reference date, tense of the clause, the date in focus).
 */
import type { Ymd } from './calendar.js';

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';
export type Tense = 'past' | 'future' | null;

/** A calendar point: the fields the text states. A weekday without a date is resolved by tense. */
export interface Cal {
  y?: number;
  m?: number;
  d?: number;
  /** ISO weekday, 1 = Monday. */
  wd?: number;
  /** Part of day: MO AF EV NI. */
  part?: string;
  hh?: number;
  mi?: number;
  /** Day offset from the reference date (today 0, yesterday -1), when the text says so. */
  dayOffset?: number;
}

/** The date last talked about, for "that evening", "a year earlier", "the quarter". */
export interface Focus {
  day?: Ymd;
  y?: number;
  m?: number;
  q?: number;
}

export interface Env {
  ref: Ymd | null;
  tense: Tense;
  focus: Focus;
  /** The text says the date is past ("ended Jan. 31"): any year up to the reference date may be meant. */
  pastCertain?: boolean;
}

export interface Resolved { value: string; type?: TimexType; mod?: string }

export interface Candidate {
  start: number;
  end: number;
  parser: string;
  /** Position of the parser in the list: on equal spans the earlier one wins. */
  rank: number;
  type: TimexType;
  mod?: string;
  value?: string;
  cal?: Cal;
  resolve?: (env: Env) => Resolved | null;
  /** The value states a calendar date of its own, so it becomes the focus for later anchors. */
  anchors?: boolean;
  /** A numeric date's order: settled by a number above 12 (day-month or month-day), or 'either' (read month-first in `cal`). */
  numericOrder?: 'dmy' | 'mdy' | 'either';
}
