// Outputs recorded elsewhere (production logs, another tool), played back as if a model answered now.
import { closeSync, openSync, readSync } from "node:fs";
import { resolve } from "node:path";
import { type ReplayModelConfig, replayModel } from "../config/schema.js";
import type { CompletionResult, Provider } from "../core/types.js";
import { defineProvider } from "./descriptor.js";
import { loadReplay, parseLine, type Recorded } from "./replay-file.js";

// Sends nothing anywhere (nothing to redact), and has nothing to save by caching: it reads the file anyway.
export const replayProvider = defineProvider({
  kind: "replay",
  configSchema: replayModel,
  capabilities: { remote: false, priced: false, cacheable: false, input: "recorded" },
  create: (config, ctx) => createReplayProvider(config, resolve(ctx.baseDir, config.path)),
});

export async function createReplayProvider(config: ReplayModelConfig, file: string): Promise<Provider> {
  const index = await loadReplay(file);
  const fd = openSync(file, "r");
  // One buffer for every read, grown to the longest line: a buffer per call left native memory to the
  // garbage collector (npm run bench). Reads are synchronous: a few hundred bytes of a file just read whole.
  let scratch = Buffer.alloc(4096);
  const read = (at: { offset: number; length: number }): string => {
    if (scratch.length < at.length) scratch = Buffer.alloc(Math.max(at.length, scratch.length * 2));
    const bytesRead = readSync(fd, scratch, 0, at.length, at.offset);
    return scratch.toString("utf8", 0, bytesRead);
  };
  /** The case's recorded output; a file changed under a running replay is read as it is now, or reported. */
  const find = (caseId: string): Recorded | undefined => {
    for (const at of index.lines.candidates(caseId)) {
      const { id, recorded } = parseLine(file, 0, read(at));
      if (id === caseId) return recorded;
    }
    return undefined;
  };
  return {
    id: config.id,
    async complete(request, { signal }): Promise<CompletionResult> {
      if (signal.aborted) {
        return { ok: false, error: { kind: "aborted", message: "the call was aborted", retryable: false } };
      }
      let recorded: Recorded | undefined;
      try {
        recorded = find(request.caseId);
      } catch (error) {
        const message = `${file} changed during the run: ${error instanceof Error ? error.message : String(error)}`;
        return { ok: false, error: { kind: "bad_response", message, retryable: false } };
      }
      if (!recorded) {
        const message = `${file} has no output for case ${request.caseId}`;
        return { ok: false, error: { kind: "missing_case", message, retryable: false } };
      }
      return {
        ok: true,
        text: recorded.text,
        usage: { ...recorded.usage },
        finishReason: "replay",
        ...(recorded.latencyMs === undefined ? {} : { latencyMs: recorded.latencyMs }),
      };
    },
    close: async () => closeSync(fd),
  };
}
