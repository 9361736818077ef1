// Preloaded (`node --import`) into a bench child: writes the process's whole CPU time, start-up included, to
// the file CALLGRADE_BENCH_CPU names as it exits. Plain JavaScript, so neither side pays for a TS loader.
import { writeFileSync } from "node:fs";

const file = process.env.CALLGRADE_BENCH_CPU;
if (file) {
  process.on("exit", () => {
    const used = process.cpuUsage();
    writeFileSync(file, JSON.stringify({ cpuMs: (used.user + used.system) / 1000 }));
  });
}
