// Turns a config that fails to load or to parse into a message that says where and what to fix.
import type { z } from "zod";
import { configSchema, gatesSchema, reviewSettings } from "../config/schema.js";
import { CallgradeError, location } from "../core/errors.js";
import { findProvider } from "../providers/index.js";

/** The options an object in the config may have, for the objects a typo is likely in. */
function knownKeys(path: readonly PropertyKey[], input: unknown): string[] | undefined {
  if (path.length === 0) return Object.keys(configSchema.shape);
  const [head, index] = path;
  if (path.length === 1 && head === "scoring") return Object.keys(configSchema.shape.scoring.unwrap().shape);
  if (path.length === 1 && head === "review") return Object.keys(reviewSettings.shape);
  if (path.length === 1 && head === "gates") return Object.keys(gatesSchema.shape);
  if (path.length === 2 && head === "models" && typeof index === "number") {
    const models: unknown = Reflect.get(Object(input), "models");
    const provider: unknown = Array.isArray(models)
      ? Reflect.get(Object(models[index]), "provider")
      : undefined;
    const schema = typeof provider === "string" ? findProvider(provider)?.configSchema : undefined;
    return schema ? Object.keys(schema.shape) : undefined;
  }
  return undefined;
}

/** Edit distance counting a swap of two neighbours as one edit (optimal string alignment). */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      const row = rows[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

function unknownKey(key: string, known: string[] | undefined): { problem: string; meant?: string } {
  if (!known) return { problem: "unknown option; remove it" };
  const close = known
    .map((name) => ({ name, d: distance(key.toLowerCase(), name.toLowerCase()) }))
    .filter(({ d }) => d <= 2)
    .sort((x, y) => x.d - y.d)[0];
  return close
    ? { problem: `unknown option; did you mean "${close.name}"?`, meant: close.name }
    : { problem: `unknown option; the options here are ${known.join(", ")}` };
}

/** One line per problem, `  field: what is wrong`, under `file: invalid config`. */
export function describeConfigIssues(file: string, error: z.ZodError, input: unknown): string {
  const dotted = (path: readonly PropertyKey[]) => path.map(String).join(".");
  const typos = error.issues.flatMap((issue) => {
    if (issue.code !== "unrecognized_keys") return [];
    const known = knownKeys(issue.path, input);
    return issue.keys.map((key) => ({ path: [...issue.path, key], ...unknownKey(key, known) }));
  });
  // "modles" already says "did you mean models?"; "models: expected array, received undefined" adds nothing.
  const meant = new Set(
    typos.flatMap((typo) => (typo.meant ? [dotted([...typo.path.slice(0, -1), typo.meant])] : [])),
  );
  const lines = [
    ...error.issues
      .filter((issue) => issue.code !== "unrecognized_keys")
      .filter((issue) => !(issue.code === "invalid_type" && meant.has(dotted(issue.path))))
      .map((issue) => `  ${dotted(issue.path) || "(config)"}: ${issue.message}`),
    ...typos.map((typo) => `  ${dotted(typo.path)}: ${typo.problem}`),
  ];
  const shown = lines.slice(0, 8);
  const more = lines.length > 8 ? `\n  ... and ${lines.length - 8} more` : "";
  return `${file}: invalid config\n${shown.join("\n")}${more}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A config that does not parse, or throws while it is imported, is reported at its own line: a parse error
 * from jiti ends with ` file:line:column`, and an error thrown by the config has a stack frame in it.
 */
export function importFailure(file: string, error: unknown): CallgradeError {
  const message = error instanceof Error ? error.message : String(error);
  const parse = new RegExp(
    `^(?:\\w*Error: )?([^\\n]*?)\\s*\\n\\s*${escapeRegExp(file)}:(\\d+):(\\d+)\\s*$`,
  ).exec(message);
  if (parse) {
    const where = location(file, Number(parse[2]), Number(parse[3]));
    return new CallgradeError(
      "CONFIG_INVALID",
      `${where}: cannot be parsed: ${parse[1]}; fix the syntax there`,
    );
  }
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  const frame = new RegExp(`${escapeRegExp(file)}:(\\d+):(\\d+)`).exec(stack);
  const where = frame ? location(file, Number(frame[1]), Number(frame[2])) : file;
  const name = error instanceof Error && error.name !== "Error" ? `${error.name}: ` : "";
  const reason = `${name}${message.split("\n")[0]}`;
  return new CallgradeError(
    "CONFIG_INVALID",
    `${where}: the config threw while loading: ${reason}; fix the config (or what it imports) so that it loads`,
  );
}

/** The module's default export, or a message saying how to write one. */
export function defaultExport(file: string, module: unknown): unknown {
  if (typeof module === "object" && module !== null && "default" in module) return module.default;
  const names = typeof module === "object" && module !== null ? Object.keys(module) : [];
  const found = names.length > 0 ? ` (it exports ${names.join(", ")})` : "";
  throw new CallgradeError(
    "CONFIG_INVALID",
    `${file}: has no default export${found}; end it with \`export default defineConfig({ ... })\``,
  );
}
