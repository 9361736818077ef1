// Noisy variants of a whole dataset: every case at every level, plus the originals as the baseline.
import { type ErrorCounts, errorRate, sumCounts } from "../asr/error-rate.js";
import type { Case } from "../core/types.js";
import { detectLang } from "./lang.js";
import { checkLevels, variantId } from "./levels.js";
import { measureTranscript } from "./measure.js";
import { perturbTranscript } from "./perturb.js";
import { deriveSeed } from "./random.js";

/** What a variant row's `meta.noise` says; the originals carry level 0. */
export interface NoiseMeta {
  /** Id of the original case. */
  of: string;
  level: number;
  /** Measured for this call (rounded to 4 decimals); the level is what the corpus aims at. */
  wer: number;
  seed: number;
  /** Words of the original transcript (after normalisation): what the corpus WER of a level divides by. */
  words: number;
  errors: { sub: number; del: number; ins: number };
}

export type SourceRow = Pick<Case, "id" | "transcript" | "gold" | "meta" | "audio">;

/** A dataset row as written to JSONL (the loader's row contract). */
export interface NoisyRow {
  id: string;
  transcript: Case["transcript"];
  gold?: Record<string, unknown>;
  meta: Record<string, unknown> & { noise: NoiseMeta };
  audio?: string;
}

export interface LevelSummary {
  level: number;
  /** Corpus WER: the counts of every call at this level summed, then divided. */
  wer: number;
  counts: ErrorCounts;
  calls: number;
}

export interface PerturbedDataset {
  rows: NoisyRow[];
  levels: LevelSummary[];
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * Each case, then its variants at each level (ascending), ids `<id>~wer<percent>` (see levelTag). Each
 * call's noise comes from its own stream, seeded by (seed, id, level), so adding, dropping or reordering
 * cases leaves every other variant byte-identical. Variants drop `audio`: the recording no longer says
 * what the transcript says.
 */
export function perturbDataset(
  rows: readonly SourceRow[],
  options: { levels: readonly number[]; seed: number },
): PerturbedDataset {
  const levels = checkLevels(options.levels);
  const { seed } = options;
  const counts = levels.map((): ErrorCounts[] => []);
  const out: NoisyRow[] = [];
  for (const row of rows) {
    const none = { sub: 0, del: 0, ins: 0 };
    const words = measureTranscript(row.transcript, row.transcript, detectLang(row.transcript)).ref;
    out.push(
      noisyRow(row, row.id, row.transcript, { of: row.id, level: 0, wer: 0, seed, words, errors: none }),
    );
    for (const [i, level] of levels.entries()) {
      const noisy = perturbTranscript(row.transcript, {
        targetWer: level,
        seed: deriveSeed(seed, row.id, level),
      });
      counts[i]?.push(noisy.counts);
      const { sub, del, ins } = noisy.counts;
      const noise = { of: row.id, level, wer: round(noisy.wer), seed, words, errors: { sub, del, ins } };
      out.push(noisyRow({ ...row, audio: undefined }, variantId(row.id, level), noisy.transcript, noise));
    }
  }
  return {
    rows: out,
    levels: levels.map((level, i) => {
      const total = sumCounts(counts[i] ?? []);
      return { level, wer: errorRate(total), counts: total, calls: counts[i]?.length ?? 0 };
    }),
  };
}

function noisyRow(row: SourceRow, id: string, transcript: Case["transcript"], noise: NoiseMeta): NoisyRow {
  // Keys in the order dataset files use, so a variant lines up with its original in a diff.
  return {
    id,
    transcript,
    ...(row.gold ? { gold: row.gold } : {}),
    meta: { ...row.meta, noise },
    ...(row.audio !== undefined ? { audio: row.audio } : {}),
  };
}
