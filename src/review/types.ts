// The review queue as the terminal UI sees it. The session (store side) implements ReviewSession;
// the UI only draws ReviewCase and sends GradeInput.
import type { MatchSpec, Turn, Verdict } from "../core/types.js";

export type { Rating, Verdict } from "../core/types.js";

/** One model's answer for a field under review. */
export interface ModelAnswer {
  modelId: string;
  /** The value the model gave (null when it gave none). */
  value: unknown;
  /** Schema-validation issues when the model's whole output was invalid. */
  invalid?: string[];
  /**
   * The judge's verdict on this answer (free text), given once the reviewer has graded the field: seen
   * before, it could sway the grade that checks it.
   */
  judge?: { pass: boolean; score: number; reason: string };
}

/** One field of a case that needs a person: a review item. */
export interface ReviewField {
  itemId: number;
  field: string;
  /**
   * `unreadable`: a model's value its field's matcher could not read; the grade says whether it is right.
   * `sampled`: drawn into a judge's priority sample; the grade checks the judge.
   */
  reason: "disagreement" | "invalid" | "free-text" | "unreadable" | "sampled";
  match: MatchSpec;
  answers: ModelAnswer[];
  /** The gold label, when the case has one for this field. */
  gold?: unknown;
  /** For free-text fields: what a good answer looks like. */
  rubric?: string;
  /** This reviewer's current (not undone) grade, if any. */
  grade?: Verdict;
}

export interface ReviewCase {
  runId: string;
  caseId: string;
  transcript: string | Turn[];
  meta: Record<string, unknown>;
  fields: ReviewField[];
  /** Shown to two reviewers blind, for inter-rater agreement. */
  overlap: boolean;
}

export interface GradeInput {
  itemId: number;
  verdict: Verdict;
}

/** Where a reviewer is, counted in review items (one field of one case), like every other count of review work. */
export interface ReviewProgress {
  /** 1-based: the review item the reviewer is on, after every item graded by them or finished by others. */
  position: number;
  /** Review items in the queue (after filters), whoever grades them. */
  total: number;
  /** Review items this reviewer has graded. */
  graded: number;
  /** Review items of cases other reviewers finished: part of `total`, but not shown to this reviewer. */
  byOthers: number;
  /** Review items still open to this reviewer; 0 when the queue is finished for them. */
  left: number;
  /** Grades this reviewer made since local midnight. */
  gradedToday: number;
  /** This reviewer's pace over the last hour of activity, in grades per hour; null before there is one. */
  perHour: number | null;
}

/** What the UI needs from the queue. Every write is its own transaction, done before the call returns. */
export interface ReviewSession {
  readonly reviewer: string;
  readonly runId: string;
  /** The run's knowledge base, for the excerpt view. */
  readonly knowledgeBase: string;
  /** Leases and returns the next case with an ungraded field for this reviewer; undefined when done. */
  next(): ReviewCase | undefined;
  /** Re-reads a case (after a grade or undo), keeping the lease. */
  reload(caseId: string): ReviewCase | undefined;
  grade(input: GradeInput): void;
  /** Undoes this reviewer's most recent grade; returns where it was, to go back there. */
  undo(): { caseId: string; itemId: number } | undefined;
  note(itemId: number, text: string): void;
  /** Skips a case for the rest of this session (it stays ungraded, and comes back next time). */
  skip(caseId: string): void;
  progress(): ReviewProgress;
  /** Releases the current lease (on quit). */
  close(): void;
}
