// A judgement as the store writes it (its columns, its verdict checked) and as callgrade reads it back.
import { z } from "zod";
import type { Output, OutputIssue } from "../core/types.js";
import type { CallRecord } from "./call-writer.js";

export interface JudgementRecord extends CallRecord {
  /** The field judged; modelId and rep say whose answer it is. */
  field: string;
  judgeId: string;
  // `output` is the judge's validated verdict: ok with { pass, score, reason }, or not ok with its issues.
}

export interface JudgementVerdict {
  pass: boolean;
  /** From 1 (not at all) to 5 (fully). */
  score: number;
  reason: string;
}

export interface StoredJudgement {
  caseId: string;
  modelId: string;
  rep: number;
  field: string;
  judgeId: string;
  /** `invalid`: the judge answered, but not with a verdict (its issues say why). */
  status: "ok" | "invalid" | "error";
  /** Set when `status` is ok, null otherwise. */
  verdict: JudgementVerdict | null;
  /** Why the judge's answer is not a verdict; empty unless `status` is invalid. */
  issues: string[];
  error: { kind: string; message: string } | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  latencyMs: number;
  attempts: number;
  fromCache: boolean;
}

/** A judgement's key in `settled`: the judged answer (case, model, repetition, field) and the judge. */
export function judgementKey(
  caseId: string,
  modelId: string,
  rep: number,
  field: string,
  judgeId: string,
): string {
  return `${caseId}\0${modelId}\0${rep}\0${field}\0${judgeId}`;
}

/**
 * What the store accepts as a verdict, whatever the output claims: a score goes to an INTEGER column, which
 * SQLite would keep 3.5 in and PostgreSQL would refuse, so only whole scores 1 to 5 are one.
 */
const storableVerdict = z.object({
  pass: z.boolean(),
  score: z.number().int().min(1).max(5),
  reason: z.string(),
});

const NOT_A_VERDICT =
  "the judge's output was marked valid but is not a verdict { pass: boolean, score: 1-5, reason: string }";

const issueText = (issue: OutputIssue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message);

/** A record's status, verdict and issues, as stored: a malformed verdict is stored invalid, not thrown. */
function judged(record: JudgementRecord): Pick<StoredJudgement, "status" | "verdict" | "issues"> {
  if (record.error) return { status: "error", verdict: null, issues: [] };
  const output: Output | null = record.output;
  if (!output) return { status: "invalid", verdict: null, issues: ["the judge's answer was not validated"] };
  if (!output.ok) {
    const issues = output.issues.map(issueText);
    return { status: "invalid", verdict: null, issues: issues.length > 0 ? issues : [output.reason] };
  }
  const parsed = storableVerdict.safeParse(output.value);
  if (parsed.success) return { status: "ok", verdict: parsed.data, issues: [] };
  const why = parsed.error.issues.map((issue) => {
    const at = issue.path.map(String).join(".");
    return at ? `${at}: ${issue.message}` : issue.message;
  });
  return { status: "invalid", verdict: null, issues: [NOT_A_VERDICT, ...why] };
}

export const JUDGEMENT_KEY = "run_id, case_id, model_id, rep, field, judge_id";
export const JUDGEMENT_COLUMNS = `${JUDGEMENT_KEY}, status, error_kind, error_message, text, input_tokens,
  output_tokens, cached_input_tokens, cost_usd, latency_ms, attempts, from_cache, pass, score, reason, issues,
  finished_at`;
const names = JUDGEMENT_COLUMNS.split(",").map((column) => column.trim());
export const JUDGEMENT_WIDTH = names.length;
/** The upsert's SET: every column but the key's, from the row that conflicted. */
export const JUDGEMENT_UPDATES = names
  .slice(JUDGEMENT_KEY.split(",").length)
  .map((column) => `${column} = excluded.${column}`)
  .join(", ");

export function columnsOf(record: JudgementRecord, finishedAt: string): unknown[] {
  const { status, verdict, issues } = judged(record);
  return [
    record.runId,
    record.caseId,
    record.modelId,
    record.rep,
    record.field,
    record.judgeId,
    status,
    record.error?.kind ?? null,
    record.error?.message ?? null,
    record.text,
    record.usage.inputTokens,
    record.usage.outputTokens,
    record.usage.cachedInputTokens,
    record.costUsd,
    record.latencyMs,
    record.attempts,
    record.fromCache ? 1 : 0,
    verdict ? (verdict.pass ? 1 : 0) : null,
    verdict?.score ?? null,
    verdict?.reason ?? null,
    JSON.stringify(issues),
    finishedAt,
  ];
}

export type Row = Record<string, unknown>;

export function fromRow(row: Row): StoredJudgement {
  const status = row.status === "ok" || row.status === "error" ? row.status : "invalid";
  return {
    caseId: String(row.case_id),
    modelId: String(row.model_id),
    rep: Number(row.rep),
    field: String(row.field),
    judgeId: String(row.judge_id),
    status,
    verdict:
      status === "ok"
        ? { pass: Number(row.pass) === 1, score: Number(row.score), reason: String(row.reason ?? "") }
        : null,
    issues: typeof row.issues === "string" && row.issues !== "[]" ? JSON.parse(row.issues) : [],
    error:
      status === "error"
        ? { kind: String(row.error_kind ?? "unknown"), message: String(row.error_message ?? "") }
        : null,
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    costUsd: row.cost_usd === null || row.cost_usd === undefined ? null : Number(row.cost_usd),
    latencyMs: Number(row.latency_ms),
    attempts: Number(row.attempts),
    fromCache: Number(row.from_cache) === 1,
  };
}
