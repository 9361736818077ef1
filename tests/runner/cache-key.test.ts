import { describe, expect, it } from "vitest";
import type { ModelConfig } from "../../src/config/schema.js";
import type { CompletionRequest } from "../../src/core/types.js";
import { cacheKey } from "../../src/runner/cache-key.js";

const model = (params: Record<string, unknown> = {}): ModelConfig => ({
  id: "m",
  provider: "openai",
  model: "gpt-4.1-mini",
  params,
});
const request = (
  variable: string,
  schema: Record<string, unknown> = { type: "object" },
): CompletionRequest => ({
  caseId: "c1",
  stable: "instructions",
  variable,
  jsonSchema: schema,
  schemaName: "x",
});

describe("cacheKey", () => {
  it("is the same for the same request to the same model, whatever the case id", () => {
    const m = model();
    expect(cacheKey(m, request("call A"), 0, 1)).toBe(
      cacheKey(model(), { ...request("call A"), caseId: "other" }, 0, 1),
    );
  });

  it("changes with the transcript, the parameters, the schema and, when repeating, the repetition", () => {
    const m = model();
    const base = cacheKey(m, request("call A"), 0, 1);
    expect(cacheKey(m, request("call B"), 0, 1)).not.toBe(base);
    expect(cacheKey(model({ temperature: 1 }), request("call A"), 0, 1)).not.toBe(base);
    expect(cacheKey(model(), request("call A", { type: "object", required: ["a"] }), 0, 1)).not.toBe(base);
    expect(cacheKey(m, request("call A"), 1, 3)).not.toBe(cacheKey(m, request("call A"), 0, 3));
    expect(cacheKey(m, request("call A"), 0, 1)).toBe(base);
  });
});
