import { exportGold } from "../../api/export-gold.js";
import { say } from "../output.js";
import type { ExportGoldFlags } from "../program.js";
import { display, optional, optionalSuite } from "./context.js";

export async function exportGoldCommand(flags: ExportGoldFlags): Promise<number> {
  const suite = await optionalSuite(flags);
  const { runId, file, rows, notes, notesLeftOut } = await exportGold(suite, {
    ...optional("runId", flags.run),
    ...optional("out", flags.out),
    ...optional("store", flags.store),
  });
  const carried = notes > 0 ? `, with ${plural(notes, "reviewer note")}` : "";
  say(`${plural(rows.length, "adjudicated case")} of run ${runId} written to ${display(file)}${carried}\n`);
  if (notesLeftOut > 0) {
    say(
      `${plural(notesLeftOut, "note")} on ungraded cases left out of gold (report.md and report.html list them)\n`,
    );
  }
  return 0;
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? "" : "s"}`;
}
