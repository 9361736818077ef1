// The fake API's batch APIs, OpenAI's files and batches and Anthropic's message batches, behind one handler
// the server tries before its other routes.
import type { ServerResponse } from "node:http";
import { anthropicBatchRoutes } from "./fake-batch-anthropic.js";
import { type BatchDeps, type BatchHttpRequest, createBatchCore } from "./fake-batch-core.js";
import { openaiBatchRoutes } from "./fake-batch-openai.js";

export type {
  BatchDeps,
  BatchHttpRequest,
  FakeBatchFate,
  FakeBatchFateInfo,
  FakeBatchInfo,
  FakeBatchOptions,
} from "./fake-batch-core.js";

export function createFakeBatches(deps: BatchDeps) {
  const core = createBatchCore(deps);
  const cut = deps.options.cutResultsAfter;
  const routes = [openaiBatchRoutes(core, cut), anthropicBatchRoutes(core, deps.url, cut)];
  return {
    /** Every batch created, in order. */
    batches: core.infos,
    /** Times each `${api}:${custom_id}` was submitted in an accepted batch. */
    submissions: core.submissions,
    /** Answers a batch request; false when the path is not a batch one. */
    async handle(req: BatchHttpRequest, res: ServerResponse): Promise<boolean> {
      for (const route of routes) if (await route(req, res)) return true;
      return false;
    },
  };
}
