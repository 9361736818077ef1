// Rows of input files checked for hostile shapes before anything recurses into them or stores them.
import { type ErrorCode, inputError } from "../core/errors.js";
import { findJsonProblem, isWellFormedText, type JsonProblem, MAX_ROW_DEPTH } from "../core/json-limits.js";
import { fieldName } from "./issues.js";

// A path can be as deep as the limit: a message names its start.
const SHOWN_PATH = 6;

function shortField(path: readonly PropertyKey[]): string | undefined {
  if (path.length === 0) return undefined;
  const name = fieldName(path.slice(0, SHOWN_PATH));
  return path.length > SHOWN_PATH ? `${name}...` : name;
}

function describe(problem: JsonProblem): { field?: string; message: string } {
  if (problem.kind === "too_deep") {
    // The first step is enough to find it; the rest is the same key again and again.
    const field = shortField(problem.path.slice(0, 1));
    return {
      ...(field === undefined ? {} : { field }),
      message: `is nested deeper than ${problem.limit} levels, the most callgrade reads; flatten it or remove the row`,
    };
  }
  const field = shortField(problem.path);
  if (problem.kind === "not_finite") {
    return {
      ...(field === undefined ? {} : { field }),
      message:
        "is a number too large to hold (it reads as Infinity, and would be stored as null); write it as a string",
    };
  }
  // The text itself is never echoed: it is not text a terminal or a file can hold.
  const what = problem.key ? "has a key that is not" : "is not";
  return {
    ...(field === undefined ? {} : { field }),
    message: `${what} well-formed Unicode text (a lone surrogate such as \\ud800); fix or remove the escape`,
  };
}

type Where = { file: string; line: number };

function fail(code: ErrorCode, where: Where, problem: JsonProblem): never {
  const { field, message } = describe(problem);
  throw inputError(code, { ...where, ...(field === undefined ? {} : { field }) }, message);
}

/**
 * A dataset row: no deeper than MAX_ROW_DEPTH, every string and key well-formed, every number finite. A lone
 * surrogate reaches UTF-8 (SQLite, sha256) as U+FFFD, so two such ids collide in the store and two such
 * transcripts share a cache key; UTF-8 files can only hold one as a JSON escape, which no real transcript needs.
 */
export function checkDatasetRow(value: unknown, where: Where): void {
  const problem = findJsonProblem(value, { maxDepth: MAX_ROW_DEPTH, wellFormed: true, finite: true });
  if (problem) fail("DATASET_INVALID", where, problem);
}

/**
 * A record row (recorded outputs, recorded transcripts): no deeper than MAX_ROW_DEPTH, finite numbers (a
 * recorded 1e400 would replay as null), and a well-formed id. Only the id: a recorded answer is a model's
 * answer, and whatever text it holds becomes an output.
 */
export function checkRecordRow(value: object, code: ErrorCode, where: Where): void {
  const problem = findJsonProblem(value, { maxDepth: MAX_ROW_DEPTH, finite: true });
  if (problem) fail(code, where, problem);
  const id: unknown = Reflect.get(value, "id");
  if (typeof id === "string" && !isWellFormedText(id)) {
    fail(code, where, { kind: "not_text", path: ["id"], key: false });
  }
}
