// A CompletionRequest for provider tests, with a small strict-compatible schema.
import type { CompletionRequest } from "../../src/core/types.js";

export const CALLER_SCHEMA: Record<string, unknown> = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: {
    name: { type: "string" },
    phone: { type: ["string", "null"] },
  },
  required: ["name", "phone"],
  additionalProperties: false,
};

export function completionRequest(overrides: Partial<CompletionRequest> = {}): CompletionRequest {
  return {
    caseId: "call-001",
    stable: "You extract the caller's name and phone number from a phone call. Answer in JSON.",
    variable: "Agent: Hello, who is calling?\nCaller: This is Ana Diaz, my number is 555-0100.",
    jsonSchema: CALLER_SCHEMA,
    schemaName: "caller",
    ...overrides,
  };
}
