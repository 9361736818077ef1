import { saveBaseline } from "../../api/baseline.js";
import { say } from "../output.js";
import type { BaselineFlags } from "../program.js";
import { followUp } from "../shell.js";
import { display, optional, optionalSuite } from "./context.js";

export async function baselineCommand(runId: string | undefined, flags: BaselineFlags): Promise<number> {
  const suite = await optionalSuite(flags);
  const saved = await saveBaseline(suite, {
    ...optional("runId", runId),
    ...optional("out", flags.out),
    ...optional("store", flags.store),
  });
  const file = display(saved.file);
  const where = { ...optional("config", flags.config), ...optional("store", flags.store) };
  say(
    `baseline: ${file} (commit it; gate against it with: ${followUp(["gate", "--baseline", file], where)})\n`,
  );
  return 0;
}
