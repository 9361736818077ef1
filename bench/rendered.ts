// A bench suite's requests as callgrade renders them, made before any clock starts: the bare loops send the
// very bodies callgrade's providers build from them, so they pay for nothing but the calls.
import path from "node:path";
import type { Config } from "../src/config/schema.js";
import { resolveFromSuite } from "../src/config/suite.js";
import type { CompletionRequest } from "../src/core/types.js";
import { loadDataset } from "../src/dataset/index.js";
import { loadConfig } from "../src/load/config.js";
import { loadPrompt } from "../src/prompt/index.js";

export async function renderedRequests(
  configFile: string,
): Promise<{ config: Config; rendered: CompletionRequest[] }> {
  const loaded = await loadConfig(path.dirname(configFile), configFile);
  const { config } = loaded;
  const cases = await loadDataset(resolveFromSuite(loaded, config.dataset));
  const prompt = await loadPrompt({
    templateFile: resolveFromSuite(loaded, config.prompt),
    knowledgeBaseFiles: [],
    schema: config.schema,
  });
  return { config, rendered: cases.map((item) => prompt.render(item)) };
}
