// Our alignment against the real NIST sclite binary: same C/S/D/I per utterance and in total.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { align, type ErrorCounts, sumCounts } from "../../src/asr/index.js";
import { seededRandom } from "../../src/core/random.js";

const SCLITE = process.env.SCLITE ?? "/usr/lib/sctk/bin/sclite";

// Seeded, so a failure names a pair that reproduces.
const prng = seededRandom;

// A small vocabulary makes repeated words, and so cost ties, common: ties are where aligners differ.
const VOCABULARY = ["yes", "no", "call", "me", "at", "five", "thirty", "the"];

interface Pair {
  id: string;
  ref: string[];
  hyp: string[];
}

function makePairs(count: number, seed: number): Pair[] {
  const random = prng(seed);
  const pick = (): string => VOCABULARY[Math.floor(random() * VOCABULARY.length)] as string;
  const words = (length: number): string[] => Array.from({ length }, pick);
  const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const pairs: Pair[] = [];
  for (let i = 0; i < count; i++) {
    const id = `cg_${String(i).padStart(4, "0")}`;
    if (i % 20 === 7) {
      pairs.push({ id, ref: words(between(1, 20)), hyp: [] }); // empty hypothesis: all deletions
    } else if (i % 20 === 13) {
      pairs.push({ id, ref: words(between(0, 3)), hyp: words(between(0, 6)) }); // near-empty sides
    } else if (i % 2 === 0) {
      // Unrelated texts of 8-40 words: the most ties, so where tie-breaking rules disagree most.
      pairs.push({ id, ref: words(between(8, 40)), hyp: words(between(8, 40)) });
    } else {
      // An edited copy of the reference, like a recogniser's output; now and then a long one.
      const ref = words(i % 50 === 1 ? between(150, 250) : between(1, 30));
      const hyp: string[] = [];
      for (const word of ref) {
        const roll = random();
        if (roll >= 0.12) hyp.push(roll < 0.27 ? pick() : word);
        if (random() < 0.1) hyp.push(pick());
      }
      pairs.push({ id, ref, hyp });
    }
  }
  pairs.push({ id: "cg_empty_ref", ref: [], hyp: ["yes", "no"] });
  pairs.push({ id: "cg_both_empty", ref: [], hyp: [] });
  // Found by search: where deletion and insertion cost the same, sclite takes the insertion. Taking the
  // deletion instead gives C=9 S=9 D=3 I=3 here; sclite says C=10 S=6 D=5 I=5.
  pairs.push({
    id: "cg_del_ins_tie",
    ref: "five no me thirty no yes thirty no me call no thirty five call five yes no thirty at call no".split(
      " ",
    ),
    hyp: "five the yes at no call yes thirty thirty thirty yes thirty call no at the the thirty call thirty no".split(
      " ",
    ),
  });
  return pairs;
}

/** Per-utterance counts from sclite's `pra` report ("Scores: (#C #S #D #I) 3 0 1 1"). */
function parsePra(report: string): Map<string, Omit<ErrorCounts, "ref" | "hyp">> {
  const scores = new Map<string, Omit<ErrorCounts, "ref" | "hyp">>();
  const pattern = /^id: \((\S+)\)\s*\nScores: \(#C #S #D #I\) (\d+) (\d+) (\d+) (\d+)/gm;
  for (const match of report.matchAll(pattern)) {
    const [, id, correct, sub, del, ins] = match;
    scores.set(id as string, {
      correct: Number(correct),
      sub: Number(sub),
      del: Number(del),
      ins: Number(ins),
    });
  }
  return scores;
}

const workDir = mkdtempSync(join(tmpdir(), "callgrade-sclite-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function runSclite(pairs: readonly Pair[]): string {
  if (!existsSync(SCLITE)) {
    throw new Error(
      `NIST sclite not found at ${SCLITE}. Install it with \`apt-get install sctk\` ` +
        "(or set SCLITE to the binary's path); this test compares our alignment with it.",
    );
  }
  const refFile = join(workDir, "ref.trn");
  const hypFile = join(workDir, "hyp.trn");
  // trn format: the words, then the utterance id in brackets.
  writeFileSync(refFile, pairs.map((pair) => `${pair.ref.join(" ")} (${pair.id})\n`).join(""));
  writeFileSync(hypFile, pairs.map((pair) => `${pair.hyp.join(" ")} (${pair.id})\n`).join(""));
  return execFileSync(
    SCLITE,
    ["-r", refFile, "trn", "-h", hypFile, "trn", "-i", "rm", "-o", "pra", "stdout"],
    {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
}

describe("alignment matches NIST sclite", () => {
  it("gives sclite's correct, substitution, deletion and insertion counts for every utterance and in total", () => {
    // When written, this set caught every wrong rule tried: unit weights disagreed with sclite on 124 of
    // 303 utterances, preferring deletion on a deletion/insertion tie on 7, preferring the diagonal
    // only when strictly cheaper on 37. Keep it that hard if the generator changes.
    const pairs = makePairs(300, 20240601);
    const theirs = parsePra(runSclite(pairs));
    expect(theirs.size).toBe(pairs.length);

    const ours = pairs.map((pair) => align(pair.ref, pair.hyp).counts);
    const mismatches = pairs.flatMap((pair, index) => {
      const mine = ours[index] as ErrorCounts;
      const expected = theirs.get(pair.id);
      const got = { correct: mine.correct, sub: mine.sub, del: mine.del, ins: mine.ins };
      const same =
        expected !== undefined &&
        got.correct === expected.correct &&
        got.sub === expected.sub &&
        got.del === expected.del &&
        got.ins === expected.ins;
      // Listing only the disagreements keeps a failure readable: the pair, our counts, sclite's.
      return same ? [] : [{ id: pair.id, ref: pair.ref.join(" "), hyp: pair.hyp.join(" "), got, expected }];
    });
    expect(mismatches).toEqual([]);

    const total = sumCounts(ours);
    const expectedTotal = { correct: 0, sub: 0, del: 0, ins: 0 };
    for (const scores of theirs.values()) {
      expectedTotal.correct += scores.correct;
      expectedTotal.sub += scores.sub;
      expectedTotal.del += scores.del;
      expectedTotal.ins += scores.ins;
    }
    expect({ correct: total.correct, sub: total.sub, del: total.del, ins: total.ins }).toEqual(expectedTotal);
    // The reference and hypothesis sizes sclite saw are ours too.
    expect(total.ref).toBe(expectedTotal.correct + expectedTotal.sub + expectedTotal.del);
    expect(total.hyp).toBe(expectedTotal.correct + expectedTotal.sub + expectedTotal.ins);
  });
});
