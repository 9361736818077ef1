// The live progress bar on a terminal: one bar per model. Draws only; counting is in tally.ts.
import { Box, Text } from "ink";
import { inert } from "../../core/inert.js";
import type { Tally } from "./tally.js";

const WIDTH = 30;

function bar(done: number, total: number): string {
  const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH);
  return "█".repeat(filled) + "░".repeat(WIDTH - filled);
}

export function ProgressView({ tally }: { tally: Tally }) {
  const ids = Object.keys(tally.models);
  const pad = Math.max(5, ...ids.map((id) => id.length));
  return (
    <Box flexDirection="column">
      <Text dimColor>
        run {tally.runId} · {tally.done}/{tally.total} calls · {tally.retries} retries
      </Text>
      {ids.map((id) => {
        const m = tally.models[id];
        if (!m) return null;
        return (
          <Text key={id}>
            {id.padEnd(pad)} <Text color="green">{bar(m.done, m.total)}</Text> {m.done}/{m.total}
            {m.errors > 0 ? <Text color="red"> {m.errors} errors</Text> : null}
            {m.invalid > 0 ? <Text color="yellow"> {m.invalid} invalid</Text> : null}
            {m.cached > 0 ? <Text dimColor> {m.cached} cached</Text> : null}
          </Text>
        );
      })}
      {[...tally.batches].map(([id, batch]) => (
        <Text key={id} dimColor>
          batch {inert(id)} ({inert(batch.modelId)}): {inert(batch.status)} · {batch.done}/{batch.total}
          {batch.expiresAt === null ? "" : ` · expires ${inert(batch.expiresAt)}`}
        </Text>
      ))}
      {tally.storeWaiting === undefined ? null : (
        <Text color="yellow">
          store unreachable ({inert(tally.storeWaiting)}): answered calls are held until it is back
        </Text>
      )}
    </Box>
  );
}
