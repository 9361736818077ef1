// Plain progress lines for logs and CI: one line per ~10% and at the end, never a redraw.
import { inert } from "../../core/inert.js";
import type { RunEvent } from "../../runner/index.js";
import { applyEvent, emptyTally, type Tally } from "./tally.js";

export function describe(tally: Tally): string {
  const percent = tally.total === 0 ? 100 : Math.floor((tally.done / tally.total) * 100);
  const models = Object.values(tally.models);
  const errors = models.reduce((n, m) => n + m.errors, 0);
  const cached = models.reduce((n, m) => n + m.cached, 0);
  return `${tally.done}/${tally.total} calls (${percent}%) · ${errors} errors · ${cached} cached · ${tally.retries} retries`;
}

export function lineProgress(write: (line: string) => void): {
  listener: (event: RunEvent) => void;
  stop(): void;
} {
  let tally = emptyTally();
  let lastDecile = -1;
  const recognition = { files: 0, done: 0, errors: 0 };
  const lastStatus = new Map<string, string>();
  return {
    listener(event) {
      tally = applyEvent(tally, event);
      if (event.type === "model-skipped") write(`skipped ${event.modelId}: ${inert(event.reason)}`);
      if (event.type === "recognition-started") {
        recognition.files = event.files * event.recognisers.length;
        write(`recognising ${event.files} audio files with ${event.recognisers.map(inert).join(", ")}`);
      }
      if (event.type === "recognition-finished") {
        recognition.done++;
        if (!event.ok) recognition.errors++;
      }
      if (event.type === "run-started") {
        if (recognition.files > 0)
          write(`recognised ${recognition.done} files · ${recognition.errors} errors`);
        write(
          `run ${event.runId}: ${event.cases} cases × ${event.models.join(", ")} = ${event.totalCalls} calls`,
        );
        lastDecile = 0;
      }
      if (event.type === "store-waiting" && event.attempt === 1)
        write(`store unreachable (${inert(event.message)}); answered calls are held until it is back`);
      if (event.type === "store-back")
        write(`store back after ${(event.waitedMs / 1000).toFixed(1)} s; held calls stored`);
      if (event.type === "batch-submitted")
        write(
          `batch ${inert(event.batchId)} (${inert(event.modelId)}): ${event.requests} calls submitted${event.expiresAt === null ? "" : `, expires ${inert(event.expiresAt)}`}`,
        );
      if (event.type === "batch-status" && event.status !== lastStatus.get(event.batchId)) {
        lastStatus.set(event.batchId, event.status);
        write(
          `batch ${inert(event.batchId)} (${inert(event.modelId)}): ${inert(event.status)}, ${event.succeeded + event.failed}/${event.total} done`,
        );
      }
      if (event.type === "batch-retrying")
        write(
          `batch ${inert(event.batchId)} (${inert(event.modelId)}): ${inert(event.message)}; trying again`,
        );
      if (event.type === "batch-collected")
        write(`batch ${inert(event.batchId)} (${inert(event.modelId)}): ${event.results} results stored`);
      if (event.type === "call-finished") {
        const decile = tally.total === 0 ? 10 : Math.floor((tally.done / tally.total) * 10);
        if (decile > lastDecile) {
          lastDecile = decile;
          write(describe(tally));
        }
      }
    },
    stop() {},
  };
}
