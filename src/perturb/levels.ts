// Noise levels as users type them (--wer 0.05,0.1,0.2) and as they appear in variant ids (~wer05).
import { CallgradeError } from "../core/errors.js";

/** The highest level accepted: past half the words wrong, a transcript says little worth extracting. */
export const MAX_LEVEL = 0.5;

const USAGE = "pass word error rates as a comma list, each above 0 and at most 0.5, e.g. --wer 0.05,0.1,0.2";

/** Parses "0.05, 0.1,0.2" into levels, sorted and without repeats; throws a USAGE error otherwise. */
export function parseLevels(text: string): number[] {
  const parts = text.split(",").map((part) => part.trim());
  const levels = parts.map((part) => {
    const level = /^(?:\d+\.?\d*|\.\d+)$/.test(part) ? Number(part) : Number.NaN;
    if (Number.isNaN(level)) throw new CallgradeError("USAGE", `--wer: "${part}" is not a number; ${USAGE}`);
    return level;
  });
  return checkLevels(levels);
}

/** Levels sorted and unique; throws a USAGE error for a level outside (0, 0.5] or two with the same id tag. */
export function checkLevels(levels: readonly number[]): number[] {
  if (levels.length === 0) throw new CallgradeError("USAGE", `--wer: no levels given; ${USAGE}`);
  const tags = new Map<string, number>();
  for (const level of levels) {
    if (!Number.isFinite(level) || level <= 0 || level > MAX_LEVEL)
      throw new CallgradeError("USAGE", `--wer: ${level} is out of range; ${USAGE}`);
    const other = tags.get(levelTag(level));
    if (other !== undefined && other !== level)
      throw new CallgradeError(
        "USAGE",
        `--wer: ${other} and ${level} would share the id suffix ~wer${levelTag(level)}`,
      );
    tags.set(levelTag(level), level);
  }
  return [...tags.values()].sort((a, b) => a - b);
}

/**
 * The level in percent, two digits at least: 0.05 → "05", 0.1 → "10", 0.2 → "20", 0.125 → "12.5".
 * Rounded to hundredths of a percent so 0.1 × 100 = 10.000000000000002 still reads "10".
 */
export function levelTag(level: number): string {
  const percent = Math.round(level * 10_000) / 100;
  return Number.isInteger(percent) ? String(percent).padStart(2, "0") : String(percent);
}

/** The id of a case's variant at a level: `<id>~wer<tag>`, e.g. "en-001~wer05". */
export function variantId(id: string, level: number): string {
  return `${id}~wer${levelTag(level)}`;
}
