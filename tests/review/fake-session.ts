// An in-memory ReviewSession for UI tests: a fixed queue of cases, grades kept in a list, every call recorded.
import type { GradeInput, ReviewCase, ReviewProgress, ReviewSession } from "../../src/review/types.js";

interface StoredGrade {
  caseId: string;
  input: GradeInput;
  undone: boolean;
}

export interface FakeSessionOptions {
  reviewer?: string;
  runId?: string;
  knowledgeBase?: string;
}

export class FakeReviewSession implements ReviewSession {
  readonly reviewer: string;
  readonly runId: string;
  readonly knowledgeBase: string;
  readonly grades: StoredGrade[] = [];
  readonly notes: { itemId: number; text: string }[] = [];
  readonly skipped: string[] = [];
  readonly calls: string[] = [];
  closeCount = 0;
  /** Set to make the next grade() throw, as a busy or lost store would. */
  failNextGrade: Error | undefined;

  constructor(
    private readonly cases: ReviewCase[],
    options: FakeSessionOptions = {},
  ) {
    this.reviewer = options.reviewer ?? "alice";
    this.runId = options.runId ?? "run-1";
    this.knowledgeBase = options.knowledgeBase ?? "";
  }

  /** The grades in force (not undone). */
  get live(): GradeInput[] {
    return this.grades.filter((g) => !g.undone).map((g) => g.input);
  }

  next(): ReviewCase | undefined {
    this.calls.push("next");
    const open = this.cases.find(
      (c) => !this.skipped.includes(c.caseId) && this.view(c).fields.some((f) => f.grade === undefined),
    );
    return open && this.view(open);
  }

  reload(caseId: string): ReviewCase | undefined {
    this.calls.push(`reload ${caseId}`);
    const found = this.cases.find((c) => c.caseId === caseId);
    return found && this.view(found);
  }

  grade(input: GradeInput): void {
    this.calls.push(`grade ${input.itemId} ${input.verdict.kind}`);
    if (this.failNextGrade) {
      const error = this.failNextGrade;
      this.failNextGrade = undefined;
      throw error;
    }
    const owner = this.cases.find((c) => c.fields.some((f) => f.itemId === input.itemId));
    if (!owner) throw new Error(`no review item ${input.itemId}`);
    this.grades.push({ caseId: owner.caseId, input: structuredClone(input), undone: false });
  }

  undo(): { caseId: string; itemId: number } | undefined {
    this.calls.push("undo");
    const last = this.grades.findLast((g) => !g.undone);
    if (!last) return undefined;
    last.undone = true;
    return { caseId: last.caseId, itemId: last.input.itemId };
  }

  note(itemId: number, text: string): void {
    this.calls.push(`note ${itemId}`);
    this.notes.push({ itemId, text });
  }

  skip(caseId: string): void {
    this.calls.push(`skip ${caseId}`);
    this.skipped.push(caseId);
  }

  /** Counted in review items (fields), as the real session counts; nobody else grades here. */
  progress(): ReviewProgress {
    const total = this.cases.reduce((sum, c) => sum + c.fields.length, 0);
    const graded = new Set(this.live.map((g) => g.itemId)).size;
    return {
      position: Math.min(graded + 1, total),
      total,
      graded,
      byOthers: 0,
      left: total - graded,
      gradedToday: this.live.length,
      perHour: this.live.length === 0 ? null : 42,
    };
  }

  close(): void {
    this.calls.push("close");
    this.closeCount++;
  }

  /** A case as the store would return it: each field with this reviewer's latest grade in force. */
  private view(c: ReviewCase): ReviewCase {
    const copy = structuredClone(c);
    for (const field of copy.fields) {
      const latest = this.grades.findLast((g) => !g.undone && g.input.itemId === field.itemId);
      if (latest) field.grade = latest.input.verdict;
      else delete field.grade;
    }
    return copy;
  }
}
