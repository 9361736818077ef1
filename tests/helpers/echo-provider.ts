// A provider written outside src/, the way a new one is: a config schema, what it is, and how to make one.
// Its model answers with the first phone number (or placeholder) in what it is sent, and keeps what it was sent.
import { z } from "zod";
import { modelCommon } from "../../src/config/schema.js";
import { defineProvider, type ProviderCapabilities } from "../../src/providers/index.js";

const PHONE = /\[PHONE_\d+\]|\(\d{3}\) \d{3}-\d{4}|\d{3}[ -]\d{3}[ -]\d{4}/;

/** An echo provider under its own kind, with the capabilities a test wants it to declare. */
export function echoProvider(kind: string, capabilities: ProviderCapabilities) {
  const sent: string[] = [];
  const descriptor = defineProvider({
    kind,
    configSchema: z
      .object({
        ...modelCommon,
        /** Which echo. */
        provider: z.literal(kind),
        /** Its model name, looked up in the price table when the provider is priced. */
        model: z.string().min(1),
        /** Tokens each answer counts as used, input and output alike. */
        tokens: z.number().int().positive(),
      })
      .strict(),
    capabilities,
    create: async (config) => ({
      id: config.id,
      async complete(request) {
        sent.push(request.variable);
        const phone = PHONE.exec(request.variable)?.[0] ?? null;
        const answer = { name: null, phone, date: null, size: null, notes: null };
        const usage = { inputTokens: config.tokens, outputTokens: config.tokens, cachedInputTokens: 0 };
        return { ok: true, text: JSON.stringify(answer), usage, finishReason: "stop" };
      },
    }),
  });
  return { descriptor, sent };
}
