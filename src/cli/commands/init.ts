import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CallgradeError } from "../../core/errors.js";
import { say } from "../output.js";
import { followUp } from "../shell.js";
import { display } from "./context.js";
import { INIT_FILES } from "./init-files/files.js";

/** Scaffolds a suite; never overwrites a file the user already has. */
export async function initCommand(dir: string | undefined): Promise<number> {
  const root = path.resolve(dir ?? ".");
  const existing = Object.keys(INIT_FILES).filter((name) => existsSync(path.join(root, name)));
  if (existing.length > 0) {
    throw new CallgradeError(
      "USAGE",
      `${display(root)}: would overwrite ${existing.join(", ")}; run \`callgrade init\` in an empty folder`,
    );
  }
  for (const [name, content] of Object.entries(INIT_FILES)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  // From this folder, with --config: the store and reports go beside the config wherever it is run from.
  const config = path.join(root, "callgrade.config.ts");
  const next =
    root === process.cwd() ? followUp(["run"], {}) : followUp(["run"], { config: display(config) });
  say(
    `created a suite in ${display(root)}:\n${Object.keys(INIT_FILES)
      .map((name) => `  ${name}`)
      .join("\n")}\nrun it with: ${next}\n`,
  );
  return 0;
}
