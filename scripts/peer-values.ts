// `npx tsx scripts/peer-values.ts [--list wrong|unread]`: reads every value of ../shared/peer-values/corpus.jsonl
// with callgrade's matchers and prints, per kind and language, how many are read correctly, read to a wrong
// value, or not read at all (the corpus README's scoring rule). `--list` also prints the cases of one outcome.
import { loadCorpus, scoreValue, tally } from "../tests/scoring/peer-values.js";

const scored = loadCorpus().map(scoreValue);
const rows = [...tally(scored)].sort(([a], [b]) => a.localeCompare(b));
const pct = (n: number, total: number) => `${((100 * n) / total).toFixed(1)}%`.padStart(7);
console.log(
  `${"kind lang".padEnd(12)}${"correct".padStart(16)}${"wrong".padStart(8)}${"unread".padStart(8)}`,
);
for (const [key, t] of rows) {
  const line = `${key.padEnd(12)}${`${t.correct}/${t.total}`.padStart(9)}${pct(t.correct, t.total)}`;
  console.log(`${line}${String(t.wrong).padStart(8)}${String(t.unread).padStart(8)}`);
}
const list = process.argv.indexOf("--list");
if (list !== -1) {
  const outcome = process.argv[list + 1] ?? "wrong";
  for (const s of scored.filter((v) => v.outcome === outcome))
    console.log(`${s.id}\t${JSON.stringify(s.input)}\tref=${s.ref}\texpected=${s.expected}\tgot=${s.got}`);
}
