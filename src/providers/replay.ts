// Outputs recorded elsewhere (production logs, another tool), played back as if a model answered now.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { ReplayModelConfig } from "../config/schema.js";
import { inputError } from "../core/errors.js";
import type { CompletionResult, Provider, Usage } from "../core/types.js";
import { jsonColumn, jsonReason } from "../dataset/json-error.js";

const usageShape = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cachedInputTokens: z.number().int().nonnegative().default(0),
});

const rowShape = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  output: z.unknown(),
  latencyMs: z.number().nonnegative().optional(),
  usage: usageShape.optional(),
});

interface Recorded {
  text: string;
  usage: Usage;
  latencyMs?: number;
}

const NO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 };

function parseLine(file: string, line: number, text: string): { id: string; recorded: Recorded } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const column = jsonColumn(error, text);
    throw inputError(
      "REPLAY_INVALID",
      { file, line, ...(column === undefined ? {} : { column }) },
      `not valid JSON (${jsonReason(error)}); each line must be one complete object { "id": ..., "output": ... }`,
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw inputError(
      "REPLAY_INVALID",
      { file, line },
      'each line must be an object { "id": ..., "output": ... }',
    );
  }
  if (!("id" in value)) throw inputError("REPLAY_INVALID", { file, line, field: "id" }, "missing");
  if (!("output" in value)) {
    throw inputError(
      "REPLAY_INVALID",
      { file, line, field: "output" },
      "missing: give the parsed object or the raw model text",
    );
  }
  const parsed = rowShape.safeParse(value);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const field = issue?.path.join(".") || undefined;
    throw inputError(
      "REPLAY_INVALID",
      { file, line, ...(field ? { field } : {}) },
      issue?.message ?? "invalid",
    );
  }
  const { id, output, latencyMs, usage } = parsed.data;
  const recorded: Recorded = {
    text: typeof output === "string" ? output : JSON.stringify(output),
    usage: usage ?? NO_USAGE,
    ...(latencyMs === undefined ? {} : { latencyMs }),
  };
  return { id, recorded };
}

/** Reads the whole file at once, so a bad line stops the run before any call is made. */
export async function loadReplay(file: string): Promise<Map<string, Recorded>> {
  let content: string;
  try {
    content = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "not found" : `cannot be read (${code ?? String(error)})`;
    throw inputError(
      "REPLAY_INVALID",
      { file },
      `replay file ${reason}; check the replay model's \`path\` in the config (a relative path starts at the config file's folder)`,
    );
  }
  const rows = new Map<string, Recorded>();
  const lines = content.split(/\r?\n/);
  for (const [index, text] of lines.entries()) {
    if (text.trim() === "") continue;
    const line = index + 1;
    const { id, recorded } = parseLine(file, line, text);
    if (rows.has(id)) throw inputError("REPLAY_INVALID", { file, line, field: "id" }, `duplicate id "${id}"`);
    rows.set(id, recorded);
  }
  return rows;
}

export async function createReplayProvider(config: ReplayModelConfig, file: string): Promise<Provider> {
  const rows = await loadReplay(file);
  return {
    id: config.id,
    async complete(request, { signal }): Promise<CompletionResult> {
      if (signal.aborted) {
        return { ok: false, error: { kind: "aborted", message: "the call was aborted", retryable: false } };
      }
      const row = rows.get(request.caseId);
      if (!row) {
        const message = `${file} has no output for case ${request.caseId}`;
        return { ok: false, error: { kind: "missing_case", message, retryable: false } };
      }
      return {
        ok: true,
        text: row.text,
        usage: { ...row.usage },
        finishReason: "replay",
        ...(row.latencyMs === undefined ? {} : { latencyMs: row.latencyMs }),
      };
    },
  };
}
