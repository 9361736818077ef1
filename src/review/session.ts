// A reviewer's session on a run's review queue. Every grade, undo and note is written before the call
// returns, so a killed session loses nothing; the next session resumes at the first case not done.
// A session holds at most one lease: the case on screen.
import { CallgradeError } from "../core/errors.js";
import type { RunRecord, Store } from "../store/index.js";
import { reviewCaseView } from "./case-view.js";
import { GradeSnapshot } from "./grade-snapshot.js";
import { activitySince, gradedSince, localMidnight, perHour } from "./pace.js";
import { buildQueue, gradedItems, isOpenTo, type QueueCase, type QueueFilter } from "./queue.js";
import type { GradeInput, ReviewCase, ReviewProgress, ReviewSession } from "./types.js";

export interface ReviewSessionOptions extends QueueFilter {
  runId: string;
  reviewer: string;
  /** A seeded random order (seed: run and reviewer) instead of priority order. */
  shuffle?: boolean;
  /** The clock, epoch ms; tests inject one. @default Date.now */
  now?: () => number;
}

export function openReviewSession(store: Store, options: ReviewSessionOptions): ReviewSession {
  const run = store.runs.get(options.runId);
  if (!run) throw new CallgradeError("RUN_NOT_FOUND", `no run ${options.runId} in ${store.file}`);
  const reviewer = options.reviewer.trim();
  if (reviewer === "") throw new CallgradeError("USAGE", "a reviewer name is needed: pass --reviewer NAME");
  checkFilter(run, options);
  return new Session(store, run, reviewer, options);
}

const iso = (ms: number) => new Date(ms).toISOString();
/** How many of the cases open to a reviewer one claim offers the store (the first free one is taken). */
const CLAIM_PAGE = 32;
/** What a claim says when the grades it went by were out of date. */
const STALE = Symbol("stale");

function checkFilter(run: RunRecord, filter: QueueFilter): void {
  const fields = run.fields.map((spec) => spec.name);
  if (filter.field !== undefined && !fields.includes(filter.field)) {
    throw new CallgradeError(
      "USAGE",
      `run ${run.id} has no field "${filter.field}"; fields: ${fields.join(", ")}`,
    );
  }
  const models = run.models.map((model) => model.id);
  if (filter.model !== undefined && !models.includes(filter.model)) {
    throw new CallgradeError(
      "USAGE",
      `run ${run.id} has no model "${filter.model}"; models: ${models.join(", ")}`,
    );
  }
}

class Session implements ReviewSession {
  readonly runId: string;
  readonly knowledgeBase: string;
  private readonly queue: QueueCase[];
  private readonly byCase: Map<string, QueueCase>;
  private readonly skipped = new Set<string>();
  private readonly leaseMs: number;
  private readonly clock: () => number;
  private current: string | undefined;
  private readonly grades: GradeSnapshot;

  constructor(
    private readonly store: Store,
    private readonly run: RunRecord,
    readonly reviewer: string,
    options: ReviewSessionOptions,
  ) {
    this.runId = run.id;
    this.knowledgeBase = run.knowledgeBase;
    this.clock = options.now ?? Date.now;
    this.leaseMs = run.review.leaseMinutes * 60_000;
    const filter = { field: options.field, model: options.model };
    this.queue = buildQueue(run.id, store.review.items(run.id), {
      overlap: run.review.overlap,
      filter,
      shuffle: options.shuffle === true,
      reviewer,
    });
    this.byCase = new Map(this.queue.map((queueCase) => [queueCase.caseId, queueCase]));
    store.review.openLeases(
      run.id,
      this.queue.map((queueCase) => queueCase.caseId),
    );
    this.grades = new GradeSnapshot(store, run.id);
  }

  next(): ReviewCase | undefined {
    const now = this.clock();
    for (;;) {
      const shown = this.claimOpen(now);
      if (shown !== STALE) return shown;
    }
  }

  /** The cases open to this reviewer as the grades stand, in queue order, the case on screen first. */
  private *openCases(): Generator<string> {
    const graded = this.grades.current();
    const current = this.current === undefined ? undefined : this.byCase.get(this.current);
    if (current && isOpenTo(current, graded, this.reviewer)) yield current.caseId;
    for (const queueCase of this.queue) {
      if (queueCase === current || this.skipped.has(queueCase.caseId)) continue;
      if (isOpenTo(queueCase, graded, this.reviewer)) yield queueCase.caseId;
    }
  }

  /**
   * Claims the first open case the store gives (passing over those other reviewers hold), a page of them
   * at a time, and shows it; STALE when the case claimed was finished by someone after the grades were read:
   * they are read again then, since the rest of the list is as old (with 8 reviewers on one queue, walking on
   * through it cost three statements a case).
   */
  private claimOpen(now: number): ReviewCase | undefined | typeof STALE {
    const open = this.openCases();
    let page: string[] = [];
    for (;;) {
      while (page.length < CLAIM_PAGE) {
        const next = open.next();
        if (next.done) break;
        page.push(next.value);
      }
      if (page.length === 0) break;
      const caseId = this.claim(page, now);
      if (caseId === undefined) {
        page = [];
        continue;
      }
      const queueCase = this.byCase.get(caseId) as QueueCase;
      // Someone may have finished it between our read and our lease: check again, now that it is ours.
      const latest = gradedItems(this.store.review.marks(this.runId, caseId));
      if (!isOpenTo(queueCase, latest, this.reviewer)) {
        this.letGo();
        this.grades.invalidate();
        return STALE;
      }
      const view = reviewCaseView(this.store, this.run, queueCase, this.reviewer);
      if (view) return view;
      // Nothing of it to show: the page goes on without it.
      page.splice(page.indexOf(caseId), 1);
    }
    this.letGo();
    return undefined;
  }

  reload(caseId: string): ReviewCase | undefined {
    const queueCase = this.byCase.get(caseId);
    if (!queueCase || !this.hold(caseId, this.clock())) return undefined;
    return reviewCaseView(this.store, this.run, queueCase, this.reviewer);
  }

  grade(input: GradeInput): void {
    const item = this.itemOfRun(input.itemId);
    const { verdict } = input;
    if (verdict.kind === "pick" && !Object.hasOwn(item.modelValues, verdict.modelId)) {
      throw new CallgradeError("USAGE", `model ${verdict.modelId} gave no answer for item ${input.itemId}`);
    }
    const now = this.clock();
    this.grades.own(() => this.store.review.record(item.id, this.reviewer, verdict, iso(now)), item.caseId);
    // The grade is kept even if the lease ran out meanwhile: work is never thrown away.
    this.hold(item.caseId, now);
  }

  undo(): { caseId: string; itemId: number } | undefined {
    const now = this.clock();
    const last = this.store.review.lastGrade(this.runId, this.reviewer);
    // Going back to a case another reviewer has on screen would show it to two people at once.
    if (!last || !this.hold(last.caseId, now)) return undefined;
    const undone = this.grades.own(
      () => this.store.review.undo(this.runId, this.reviewer, iso(now)),
      last.caseId,
    );
    if (!undone) return undefined;
    this.skipped.delete(undone.caseId);
    return { caseId: undone.caseId, itemId: undone.itemId };
  }

  note(itemId: number, text: string): void {
    this.itemOfRun(itemId);
    this.grades.own(() => this.store.review.note(itemId, this.reviewer, text, iso(this.clock())));
  }

  skip(caseId: string): void {
    this.skipped.add(caseId);
    if (this.current === caseId) this.letGo();
  }

  progress(): ReviewProgress {
    const now = this.clock();
    const counts = this.grades.tally(this.queue, this.reviewer);
    const done = counts.graded + counts.byOthers;
    const since = iso(activitySince(now));
    const times = this.store.review.activity(this.runId, this.reviewer, since).map((at) => Date.parse(at));
    return {
      position: Math.min(done + 1, counts.total),
      total: counts.total,
      graded: counts.graded,
      byOthers: counts.byOthers,
      left: counts.left,
      gradedToday: gradedSince(times, localMidnight(now)),
      perHour: perHour(times, now),
    };
  }

  close(): void {
    this.letGo();
  }

  /** Leases the first of the cases free to this reviewer (see store/review-leases.ts), letting go of another. */
  private claim(candidates: string[], now: number): string | undefined {
    const won = this.grades.own(() =>
      this.store.review.claim(this.runId, candidates, this.reviewer, now, this.leaseMs),
    );
    if (won === undefined) return undefined;
    if (this.current !== undefined && this.current !== won) this.letGo();
    this.current = won;
    return won;
  }

  /** Leases the case for this reviewer (renewing their own lease), letting go of any other case held. */
  private hold(caseId: string, now: number): boolean {
    const won = this.grades.own(() =>
      this.store.review.acquire(this.runId, caseId, this.reviewer, now, this.leaseMs),
    );
    if (!won) return false;
    if (this.current !== undefined && this.current !== caseId) this.letGo();
    this.current = caseId;
    return true;
  }

  private letGo(): void {
    const held = this.current;
    if (held !== undefined) this.grades.own(() => this.store.review.release(this.runId, held, this.reviewer));
    this.current = undefined;
  }

  private itemOfRun(itemId: number) {
    const item = this.store.review.item(itemId);
    if (!item || item.runId !== this.runId) {
      throw new CallgradeError("USAGE", `review item ${itemId} is not part of run ${this.runId}`);
    }
    return item;
  }
}
