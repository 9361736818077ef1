import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CallgradeError } from "../../core/errors.js";
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
  const cd = root === process.cwd() ? "" : `cd ${display(root)} && `;
  process.stdout.write(
    `created a suite in ${display(root) || "."}:\n${Object.keys(INIT_FILES)
      .map((name) => `  ${name}`)
      .join("\n")}\nrun it with: ${cd}callgrade run\n`,
  );
  return 0;
}
