// Minimum-cost alignment of reference and hypothesis tokens, made to give NIST sclite's counts.

/** Token counts of one alignment; error rates are computed from these, never stored as rates. */
export interface ErrorCounts {
  /** Tokens in the reference: correct + sub + del. */
  ref: number;
  /** Tokens in the hypothesis: correct + sub + ins. */
  hyp: number;
  correct: number;
  sub: number;
  del: number;
  ins: number;
}

export type AlignOp = "correct" | "sub" | "del" | "ins";

/** One step of the alignment; `ref` is null for an insertion, `hyp` for a deletion. */
export interface AlignedPair {
  op: AlignOp;
  ref: string | null;
  hyp: string | null;
}

export interface Alignment {
  counts: ErrorCounts;
  /** Present only when asked for with `{ pairs: true }`, in reading order. */
  pairs?: AlignedPair[];
}

/**
 * sclite's default word weights (sctk `wwd_WORD` in src/sclite/word.c): correct 0,
 * insertion 3, deletion 3, substitution 4. They are not 1/1/1, so a shifted alignment
 * with one deletion and one insertion (6) beats two substitutions (8), where unit
 * weights would call it a tie; using unit weights changes S/D/I counts.
 */
export const SCLITE_WEIGHTS = { correct: 0, sub: 4, ins: 3, del: 3 } as const;

// Back-pointer codes, one byte per DP cell.
const DIAG = 0;
const DEL = 1;
const INS = 2;

/**
 * Levenshtein alignment with sclite's weights and tie-breaking, O(n·m) time, two
 * cost rows plus one byte per cell for the backtrace.
 *
 * Ties follow sclite's `calculate_internal_cells` (src/sclite/net_dp.c), with the
 * reference as sclite's first network: the diagonal (correct or substitution) wins
 * when its cost is <= both others; otherwise a deletion wins only when strictly
 * cheaper than an insertion, so a deletion/insertion tie goes to the insertion. The
 * backtrace then follows the stored pointers from the bottom-right cell. Equal
 * total cost is not enough: other tie rules give different S/D/I counts, which
 * tests/asr/sclite.test.ts checks against the real binary.
 */
export function align(
  reference: readonly string[],
  hypothesis: readonly string[],
  options: { pairs?: boolean } = {},
): Alignment {
  const n = reference.length;
  const m = hypothesis.length;
  const width = m + 1;
  const back = new Uint8Array((n + 1) * width);
  let previous = new Int32Array(width);
  let current = new Int32Array(width);

  for (let j = 1; j <= m; j++) {
    previous[j] = j * SCLITE_WEIGHTS.ins;
    back[j] = INS;
  }
  for (let i = 1; i <= n; i++) {
    const refToken = reference[i - 1];
    current[0] = i * SCLITE_WEIGHTS.del;
    back[i * width] = DEL;
    for (let j = 1; j <= m; j++) {
      const diagonal =
        (previous[j - 1] as number) +
        (refToken === hypothesis[j - 1] ? SCLITE_WEIGHTS.correct : SCLITE_WEIGHTS.sub);
      const deletion = (previous[j] as number) + SCLITE_WEIGHTS.del;
      const insertion = (current[j - 1] as number) + SCLITE_WEIGHTS.ins;
      const cell = i * width + j;
      if (diagonal <= deletion && diagonal <= insertion) {
        current[j] = diagonal;
        back[cell] = DIAG;
      } else if (deletion < insertion) {
        current[j] = deletion;
        back[cell] = DEL;
      } else {
        current[j] = insertion;
        back[cell] = INS;
      }
    }
    [previous, current] = [current, previous];
  }

  return backtrace(reference, hypothesis, back, options.pairs === true);
}

function backtrace(
  reference: readonly string[],
  hypothesis: readonly string[],
  back: Uint8Array,
  wantPairs: boolean,
): Alignment {
  const width = hypothesis.length + 1;
  const counts: ErrorCounts = {
    ref: reference.length,
    hyp: hypothesis.length,
    correct: 0,
    sub: 0,
    del: 0,
    ins: 0,
  };
  const pairs: AlignedPair[] = [];
  let i = reference.length;
  let j = hypothesis.length;
  while (i > 0 || j > 0) {
    const step = back[i * width + j];
    if (step === DIAG) {
      const refToken = reference[i - 1] ?? null;
      const hypToken = hypothesis[j - 1] ?? null;
      const op: AlignOp = refToken === hypToken ? "correct" : "sub";
      counts[op]++;
      if (wantPairs) pairs.push({ op, ref: refToken, hyp: hypToken });
      i--;
      j--;
    } else if (step === DEL) {
      counts.del++;
      if (wantPairs) pairs.push({ op: "del", ref: reference[i - 1] ?? null, hyp: null });
      i--;
    } else {
      counts.ins++;
      if (wantPairs) pairs.push({ op: "ins", ref: null, hyp: hypothesis[j - 1] ?? null });
      j--;
    }
  }
  return wantPairs ? { counts, pairs: pairs.reverse() } : { counts };
}
