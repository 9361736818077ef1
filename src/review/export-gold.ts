// Grades become gold: the adjudicated labels of a run as dataset JSONL, ready to merge into a suite. Each row's
// meta.adjudication says where every label came from, and carries the reviewers' notes on the case.
import type { Case, FieldSpec, Verdict } from "../core/types.js";
import { settle } from "../scoring/adjudicate.js";
import { matchContext } from "../scoring/context.js";
import { getPath } from "../scoring/path.js";
import type { RunRecord, Store, StoredCall, StoredGrade, StoredNote } from "../store/index.js";

type Source = "reviewer" | "gold" | "agreement";

export interface GoldRow {
  id: string;
  transcript: Case["transcript"];
  gold: Record<string, unknown>;
  meta: Record<string, unknown>;
}

/** Every case a reviewer settled at least one field of, with its labels and where each came from. */
export function adjudicatedGold(store: Store, run: RunRecord): GoldRow[] {
  const grades = store.review.grades(run.id);
  const agreed = new Set(
    store.results
      .agreement(run.id)
      .filter((row) => row.agreed)
      .map((row) => `${row.caseId}\0${row.field}`),
  );
  const callsByCase = groupByCase(
    store.calls.forRun(run.id).filter((call) => call.rep === 0 && call.status === "ok" && call.valid),
  );
  const gradesByCase = groupByCase(grades);
  const notesByCase = groupByCase(store.review.notes(run.id));
  const rows: GoldRow[] = [];
  for (const item of store.runs.cases(run.id)) {
    const mine = gradesByCase.get(item.id) ?? [];
    if (mine.length === 0) continue;
    const caseCalls = callsByCase.get(item.id) ?? [];
    const gold: Record<string, unknown> = {};
    const sources: Record<string, Source> = {};
    for (const field of run.fields) {
      const fieldGrades = mine.filter((grade) => grade.field === field.name);
      const settled =
        fieldGrades.length > 0 ? settledValue(field, fieldGrades, item, run, caseCalls) : undefined;
      const original = item.gold === undefined ? undefined : getPath(item.gold, field.name);
      if (settled !== undefined) {
        setPath(gold, field.name, settled);
        sources[field.name] = "reviewer";
      } else if (original !== undefined) {
        setPath(gold, field.name, original);
        sources[field.name] = "gold";
      } else if (agreed.has(`${item.id}\0${field.name}`) && caseCalls[0]) {
        setPath(gold, field.name, getPath(caseCalls[0].value, field.name) ?? null);
        sources[field.name] = "agreement";
      }
    }
    rows.push({
      id: item.id,
      transcript: item.transcript,
      gold,
      meta: {
        ...item.meta,
        adjudication: {
          run: run.id,
          reviewers: [...new Set(mine.map((grade) => grade.reviewer))].sort(),
          gradedAt: mine
            .map((grade) => grade.createdAt)
            .sort()
            .at(-1),
          sources,
          ...notesOf(notesByCase.get(item.id)),
        },
      },
    });
  }
  return rows;
}

/** A note as gold.jsonl carries it: which field, who wrote it and when, in the order they were written. */
export interface GoldNote {
  field: string;
  reviewer: string;
  text: string;
  /** ISO 8601, UTC. */
  at: string;
}

function notesOf(notes: StoredNote[] | undefined): { notes?: GoldNote[] } {
  if (!notes || notes.length === 0) return {};
  return {
    notes: notes.map((note) => ({
      field: note.field,
      reviewer: note.reviewer,
      text: note.text,
      at: note.createdAt,
    })),
  };
}

/** The value people settled on; undefined when they could not say (none, contested). */
function settledValue(
  field: FieldSpec,
  grades: StoredGrade[],
  item: Case,
  run: RunRecord,
  caseCalls: StoredCall[],
): unknown {
  const settled = settle(
    field,
    grades.map((grade) => ({ reviewer: grade.reviewer, verdict: grade.verdict })),
    matchContext(run.scoring, item),
  );
  if (settled?.kind === "value") return settled.value;
  if (settled?.kind === "ratings") return bestRated(grades[0]?.verdict, field, caseCalls);
  return undefined;
}

/** For free text, the text of the best-rated answer that passed becomes the label. */
function bestRated(verdict: Verdict | undefined, field: FieldSpec, caseCalls: StoredCall[]): unknown {
  if (verdict?.kind !== "rating") return undefined;
  const [best] = Object.entries(verdict.ratings)
    .filter(([, rating]) => rating.pass)
    .sort(([, a], [, b]) => b.score - a.score);
  const call = best && caseCalls.find((c) => c.modelId === best[0]);
  return call ? getPath(call.value, field.name) : undefined;
}

function groupByCase<T extends { caseId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(row.caseId) ?? [];
    list.push(row);
    groups.set(row.caseId, list);
  }
  return groups;
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next && typeof next === "object") node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  node[keys.at(-1) ?? dotted] = value;
}
