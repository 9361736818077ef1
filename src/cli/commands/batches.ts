import { listBatches } from "../../api/batches.js";
import { say } from "../output.js";
import type { BatchesFlags } from "../program.js";
import { followUp } from "../shell.js";
import { optional, optionalSuite } from "./context.js";
import { batchLine } from "./incomplete.js";

/** A run's provider batches, oldest first; exit 3 while some are still with the provider. */
export async function batchesCommand(runId: string | undefined, flags: BatchesFlags): Promise<number> {
  const suite = await optionalSuite(flags);
  const where = { ...optional("config", flags.config), ...optional("store", flags.store) };
  const listing = await listBatches(suite, {
    ...optional("store", flags.store),
    ...optional("runId", runId),
  });
  const waiting = listing.batches.filter((batch) => batch.state !== "collected");
  if (flags.json) {
    say(`${JSON.stringify(listing, null, 2)}\n`);
    return waiting.length > 0 ? 3 : 0;
  }
  if (listing.batches.length === 0) {
    say(`run ${listing.runId} sent no batches\n`);
    return 0;
  }
  for (const batch of listing.batches)
    say(`${batch.state === "collected" ? "collected " : "waiting   "}${batchLine(batch)}\n`);
  if (waiting.length > 0)
    say(
      `${waiting.length} still with the provider; collect with: ${followUp(["run", "--resume", listing.runId], where)}\n`,
    );
  return waiting.length > 0 ? 3 : 0;
}
