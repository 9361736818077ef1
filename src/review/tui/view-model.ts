// Plain facts about a case that both the reducer and the screens need: columns, lines, what differs.
import { inert } from "../../core/inert.js";
import type { MatchContext } from "../../core/types.js";
import { matchContext, type ScoringSettings } from "../../scoring/context.js";
import { matcherFor } from "../../scoring/matchers/index.js";
import { stableJson } from "../../scoring/matchers/normalise.js";
import type { ReviewCase, ReviewField, Verdict } from "../types.js";
import type { FieldKind } from "./keymap.js";

export type { ScoringSettings } from "../../scoring/context.js";

export const DEFAULT_SCORING: ScoringSettings = {
  phoneRegion: "US",
  referenceDateKey: "callDate",
  phoneRegionKey: "phoneRegion",
};

/** The phone region and call date of a case, read from its meta exactly as scoring reads them. */
export function contextFor(c: ReviewCase | undefined, scoring: ScoringSettings): MatchContext {
  return matchContext(scoring, { meta: c?.meta ?? {} });
}

export function fieldKind(field: ReviewField | undefined): FieldKind | undefined {
  if (!field) return undefined;
  return field.reason === "free-text" || field.match.kind === "free-text" ? "free-text" : "structured";
}

/** The models of a case in first-seen order: column n is key n. */
export function caseModels(c: ReviewCase): string[] {
  const ids = new Set<string>();
  for (const field of c.fields) for (const answer of field.answers) ids.add(answer.modelId);
  return [...ids];
}

/** A value as drawn: inert text, JSON for structures, ∅ for no value. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "∅";
  return inert(typeof value === "string" ? value : stableJson(value)).replace(/[\r\n\t]+/g, " ");
}

/** A value as the line editor starts from it: like displayValue, but empty for no value. */
export function editableValue(value: unknown): string {
  return value === null || value === undefined ? "" : displayValue(value);
}

export interface TranscriptLine {
  speaker?: string;
  text: string;
}

/** One line per turn (or per line of a plain transcript), inert. */
export function transcriptLines(transcript: ReviewCase["transcript"]): TranscriptLine[] {
  if (typeof transcript === "string")
    return inert(transcript)
      .split("\n")
      .map((text) => ({ text }));
  return transcript.map((turn) => ({
    speaker: inert(turn.speaker),
    text: inert(turn.text).replace(/\n/g, " "),
  }));
}

export function transcriptText(transcript: ReviewCase["transcript"]): string {
  return transcriptLines(transcript)
    .map((line) => line.text)
    .join("\n");
}

/**
 * For each answer, whether it differs from the majority: the one group of
 * equal values (by the field's matcher) larger than every other. Without such
 * a group every answer differs.
 */
export function differsFromMajority(field: ReviewField, ctx: MatchContext): boolean[] {
  const matcher = matcherFor(field.match);
  const canon = field.answers.map((a) => matcher.canonical(a.value, ctx));
  const sizes = canon.map((c) => canon.filter((other) => matcher.equal(c, other)).length);
  const top = Math.max(0, ...sizes);
  const leaders = canon.filter((_, i) => sizes[i] === top);
  const unique = top >= 2 && leaders.every((c) => leaders[0] !== undefined && matcher.equal(c, leaders[0]));
  return sizes.map((size) => !unique || size !== top);
}

export function firstUngraded(c: ReviewCase, after = -1): number {
  const n = c.fields.length;
  for (let k = 1; k <= n; k++) {
    const i = (((after + k) % n) + n) % n;
    if (c.fields[i]?.grade === undefined) return i;
  }
  return -1;
}

/** A grade in a few words, for the table and the status line. */
export function describeVerdict(verdict: Verdict): string {
  switch (verdict.kind) {
    case "pick":
      return `${inert(verdict.modelId)} = ${displayValue(verdict.value)}`;
    case "edit":
      return `typed ${displayValue(verdict.value)}`;
    case "none":
      return "none is right";
    case "gold":
      return `gold → ${displayValue(verdict.value)}`;
    case "rating": {
      const ratings = Object.values(verdict.ratings);
      return `rated ${ratings.map((r) => `${r.score}${r.pass ? "✓" : "✗"}`).join(" ")}`;
    }
  }
}
