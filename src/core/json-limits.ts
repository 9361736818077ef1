// How deep parsed JSON from outside may nest, and the one walk that checks it without recursing.

/**
 * Deepest a model's answer may nest (the answer object itself is level 1). Extraction schemas are a few
 * levels deep; V8's JSON.parse reads any depth, but JSON.stringify, zod, hashing and the report renderers
 * recurse and overflow the stack at a few thousand levels. 64 is far above any real answer and far below that.
 */
export const MAX_ANSWER_DEPTH = 64;

/**
 * Deepest a row of an input file (dataset, replay, recorded transcripts) may nest. Above MAX_ANSWER_DEPTH so
 * that a replayed answer too deep to score becomes an invalid output, as a live model's would; still far
 * below the few thousand levels where storing or hashing the row would overflow the stack.
 */
export const MAX_ROW_DEPTH = 256;

/**
 * Longest model answer read as JSON, in UTF-16 code units: about 250,000 tokens, above what any model writes
 * in one answer. A longer one is a loop or a hostile recording, and every step after extraction (zod, the
 * store, scoring, reports) costs time in its size: a few MB of keys took seconds an answer.
 */
export const MAX_ANSWER_CHARS = 1_000_000;

export type JsonProblem =
  | { kind: "too_deep"; path: PropertyKey[]; limit: number }
  /** A string (or, with `key`, an object key) holding a lone UTF-16 surrogate: not text. */
  | { kind: "not_text"; path: PropertyKey[]; key: boolean }
  /** A number JSON.parse read as Infinity (1e400): it would be stored as null. */
  | { kind: "not_finite"; path: PropertyKey[] };

export interface JsonCheck {
  maxDepth: number;
  /** Also reject strings and keys with lone surrogates, which UTF-8 (the store, sha256) cannot hold. */
  wellFormed?: boolean;
  /** Also reject numbers too large for a double, which JSON.stringify writes as null. */
  finite?: boolean;
}

// With the u flag a paired surrogate is one code point, so only a lone one is in category Cs.
const LONE_SURROGATE = /\p{Cs}/u;

export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** An object or array met on the walk; scalars get no frame, they are checked where they are met. */
interface Frame {
  value: object;
  depth: number;
  key: PropertyKey;
  parent: Frame | undefined;
}

function pathOf(frame: Frame, last?: PropertyKey): PropertyKey[] {
  const path: PropertyKey[] = last === undefined ? [] : [last];
  for (let at: Frame | undefined = frame; at?.parent !== undefined; at = at.parent) path.unshift(at.key);
  return path;
}

/** What is wrong with a string or number, if anything; the caller knows the path. */
function scalarKind(value: unknown, check: JsonCheck): "not_text" | "not_finite" | undefined {
  if (typeof value === "string") return check.wellFormed && !isWellFormedText(value) ? "not_text" : undefined;
  if (typeof value === "number") return check.finite && !Number.isFinite(value) ? "not_finite" : undefined;
  return undefined;
}

function scalarProblem(kind: "not_text" | "not_finite", path: PropertyKey[]): JsonProblem {
  return kind === "not_text" ? { kind, path, key: false } : { kind, path };
}

/**
 * The first problem found in a parsed JSON value, or undefined. Iterative, with its own stack: the value may be
 * nested far deeper than the call stack allows. Depth counts objects and arrays; a scalar at the top is depth 0.
 */
export function findJsonProblem(value: unknown, check: JsonCheck): JsonProblem | undefined {
  if (typeof value !== "object" || value === null) {
    const kind = scalarKind(value, check);
    return kind && scalarProblem(kind, []);
  }
  const stack: Frame[] = [{ value, depth: 1, key: "", parent: undefined }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    if (frame.depth > check.maxDepth) return { kind: "too_deep", path: pathOf(frame), limit: check.maxDepth };
    const item = frame.value as Record<string, unknown>;
    const keys: PropertyKey[] = Array.isArray(item) ? [] : Object.keys(item);
    const count = Array.isArray(item) ? item.length : keys.length;
    // Children pushed last to first, so objects are met in the order they are written.
    for (let index = count - 1; index >= 0; index--) {
      const key = Array.isArray(item) ? index : (keys[index] as string);
      if (check.wellFormed && typeof key === "string" && !isWellFormedText(key)) {
        return { kind: "not_text", path: pathOf(frame), key: true };
      }
      const child = item[key as string];
      if (typeof child === "object" && child !== null) {
        stack.push({ value: child, depth: frame.depth + 1, key, parent: frame });
      } else {
        const kind = scalarKind(child, check);
        if (kind) return scalarProblem(kind, pathOf(frame, key));
      }
    }
  }
  return undefined;
}

/**
 * Deepest a provider's whole response is stored as it came (`calls.raw`, kept for debugging): an answer
 * nested deeper than MAX_ANSWER_DEPTH sits a few levels down in it. Deeper, the store keeps a note instead:
 * stringifying it would overflow the stack.
 */
export const MAX_RAW_DEPTH = 512;

/** JSON text of `value`, or undefined when it nests deeper than `maxDepth` (stringifying it could overflow). */
export function stringifyBounded(value: unknown, maxDepth: number): string | undefined {
  return findJsonProblem(value, { maxDepth }) ? undefined : JSON.stringify(value);
}
