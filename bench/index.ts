// `npm run bench [-- --quick] [-- --only throughput,memory]`: every scenario of issue 6 against a loopback
// server, no network. Prints one table (progress goes to stderr) and writes bench/results.json (--quick:
// bench/results.quick.json); with --only, just those scenarios, and nothing is written.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tuneHeap } from "../src/cli/heap.js";
import { seconds } from "./measure.js";
import { runBench, SCENARIO_NAMES } from "./run.js";
import { FULL, QUICK } from "./scale.js";
import { renderTable } from "./table.js";

// Throughput and cache run callgrade in this process: with the heap set up as the CLI sets it.
tuneHeap();
const quick = process.argv.includes("--quick");
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt === -1 ? undefined : (process.argv[onlyAt + 1] ?? "").split(",").map((s) => s.trim());
const unknown = only?.filter((name) => !SCENARIO_NAMES.includes(name)) ?? [];
if (unknown.length > 0) {
  const names = SCENARIO_NAMES.map((name) => `"${name}"`).join(", ");
  process.stderr.write(
    `bench: no scenario ${unknown.map((name) => `"${name}"`).join(", ")}; they are ${names}\n`,
  );
  process.exit(2);
}
const sizes = quick ? QUICK : FULL;
const out = fileURLToPath(new URL(quick ? "./results.quick.json" : "./results.json", import.meta.url));

const results = await runBench(sizes, (line) => process.stderr.write(`bench: ${line}\n`), only);
const { machine } = results;
const lines = [
  `callgrade bench (${sizes.name}${quick ? ": 1/10 scale, a smoke check; the targets are for the full run" : ""})`,
  `machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, node ${machine.node}, ${machine.platform}, load ${machine.loadAverage.toFixed(2)}`,
  "",
  renderTable(results.rows),
  "",
  ...results.notes.map((note) => `note: ${note}`),
  `${results.passed ? "every target met" : `targets missed: ${results.rows.filter((r) => r.pass === false).length}`} · ${seconds(results.durationMs)} · ${path.relative(process.cwd(), out)}`,
];
process.stdout.write(`${lines.join("\n")}\n`);
// A partial run is a look at some figures, not the record the README's table is kept with.
if (!only) writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
// A full run is a check: a missed target fails it. --quick only checks that every scenario runs to a figure.
const broken = results.rows.some((r) => !Number.isFinite(r.value));
if (broken || (!quick && !results.passed)) process.exitCode = 1;
// Nothing should be left running; if something is (a socket, a child), it must not keep the bench from ending.
setTimeout(() => process.exit(), 10_000).unref();
