import { exportGold } from "../../api/export-gold.js";
import { say } from "../output.js";
import type { ExportGoldFlags } from "../program.js";
import { display, optional, optionalSuite } from "./context.js";

export async function exportGoldCommand(flags: ExportGoldFlags): Promise<number> {
  const suite = await optionalSuite(flags);
  const { runId, file, rows } = await exportGold(suite, {
    ...optional("runId", flags.run),
    ...optional("out", flags.out),
    ...optional("store", flags.store),
  });
  say(`${rows.length} adjudicated cases of run ${runId} written to ${display(file)}\n`);
  return 0;
}
