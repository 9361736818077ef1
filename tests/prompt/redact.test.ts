import path from "node:path";
import { inspect } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { Appointment } from "../../schemas/appointment.js";
import { configSchema } from "../../src/config/schema.js";
import type { Case, CompletionRequest } from "../../src/core/types.js";
import { loadPrompt, type PromptSuite } from "../../src/prompt/index.js";
import { createRedactor, type RedactKind, redactsFor } from "../../src/prompt/redact.js";
import { BUILT_IN_PROVIDERS } from "../../src/providers/index.js";
import { validateOutput } from "../../src/validate/index.js";

const SCORING = { phoneRegion: "US", phoneRegionKey: "phoneRegion" };
const ALL: RedactKind[] = ["phone", "email", "card"];

let prompt: PromptSuite;
beforeAll(async () => {
  prompt = await loadPrompt({
    templateFile: path.resolve("prompts/extract-appointment.md"),
    knowledgeBaseFiles: [path.resolve("prompts/kb/clinic.md"), path.resolve("prompts/kb/restaurant.md")],
    schema: Appointment,
  });
});

function call(text: string, region = "US", id = "c1"): Case {
  return {
    id,
    transcript: [
      { speaker: "agent", text: "Greenway Family Clinic, how can I help?" },
      { speaker: "caller", text },
    ],
    meta: { callDate: "2026-03-23", phoneRegion: region },
    source: { file: "calls.jsonl", line: 1 },
  };
}

function redact(text: string, options: { region?: string; kinds?: RedactKind[] } = {}) {
  const testCase = call(text, options.region);
  const request = prompt.render(testCase);
  const redaction = createRedactor(options.kinds ?? ALL, SCORING).redact(request, testCase);
  return { request, redaction, sent: redaction.request.variable };
}

/** The caller's line as it was sent. */
const callerLine = (variable: string) => /caller: (.*)/.exec(variable)?.[1] ?? "";

describe("phone numbers", () => {
  it("replaces every US spelling of the same number with one placeholder", () => {
    const { sent } = redact(
      "It's (212) 555-0198, or 212-555-0198, 212.555.0198, +1 212 555 0198, 2125550198.",
    );
    expect(callerLine(sent)).toBe("It's [PHONE_1], or [PHONE_1], [PHONE_1], [PHONE_1], [PHONE_1].");
  });

  it("numbers different values in the order they appear, and finds a local number without area code", () => {
    const { sent, redaction } = redact("Cell (917) 555-0146, office (646) 555-0172, desk 555-0102.");
    expect(callerLine(sent)).toBe("Cell [PHONE_1], office [PHONE_2], desk [PHONE_3].");
    expect(redaction.counts).toEqual({ phone: 3, email: 0, card: 0 });
  });

  it("reads Japanese numbers with the case's own region, full-width digits and an international prefix too", () => {
    const { sent, redaction } = redact(
      "電話番号は090-1234-5678です。+81 90-1234-5678でも。固定は03-1234-5678、会社は０６－６５４３－２１０９です。",
      { region: "JP" },
    );
    expect(callerLine(sent)).toBe(
      "電話番号は[PHONE_1]です。[PHONE_1]でも。固定は[PHONE_2]、会社は[PHONE_3]です。",
    );
    const back = redaction.restore("[PHONE_1] [PHONE_2] [PHONE_3]");
    // The value comes back as first written, full-width digits and all; scoring normalises it.
    expect(back).toBe("090-1234-5678 03-1234-5678 ０６－６５４３－２１０９");
  });

  it("does not read the call date, times or counts as phone numbers", () => {
    const { request, sent } = redact("予約は3月24日の10:15、4人です。2026-03-24でお願いします。", {
      region: "JP",
    });
    expect(sent).toBe(request.variable);
    expect(sent).toContain("Call date: 2026-03-23");
  });

  it("leaves numbers spoken as words alone: they are not detected", () => {
    const { request, sent } = redact("Two one two, five five five, oh one nine eight.");
    expect(sent).toBe(request.variable);
  });
});

describe("e-mail addresses", () => {
  it("replaces addresses, the same one in any case with one placeholder, and stops before the full stop", () => {
    const { sent } = redact(
      "Mail Dana.Whitfield+clinic@Example.com or dana.whitfield+clinic@example.com, or ops@mail.example.co.uk.",
    );
    expect(callerLine(sent)).toBe("Mail [EMAIL_1] or [EMAIL_1], or [EMAIL_2].");
  });

  it("finds an address between Japanese words and a full-width at sign", () => {
    const { sent } = redact("メールはhanako.yamada@example.jpです。予備はtaro＠example.jpです。", {
      region: "JP",
    });
    expect(callerLine(sent)).toBe("メールは[EMAIL_1]です。予備は[EMAIL_2]です。");
  });
});

describe("card numbers", () => {
  it("replaces Luhn-valid numbers of 13 to 19 digits with spaces, dashes or none", () => {
    const { sent } = redact(
      "Visa 4111 1111 1111 1111, Amex 3782-822463-10005, old 4222222222222, again 4111-1111-1111-1111.",
    );
    expect(callerLine(sent)).toBe("Visa [CARD_1], Amex [CARD_2], old [CARD_3], again [CARD_1].");
  });

  it("leaves a Luhn-invalid number, and finds a card read out next to other digits", () => {
    const { sent } = redact("Not 4111 1111 1111 1112. Card 12 4242 4242 4242 4242 exp 12 27.");
    expect(callerLine(sent)).toBe("Not 4111 1111 1111 1112. Card 12 [CARD_1] exp 12 27.");
  });
});

describe("what is redacted, and where", () => {
  it("redacts only the per-case part: the stable prefix (with its example numbers) is sent as rendered", () => {
    const { request, redaction } = redact("My number is (212) 555-0198.");
    expect(request.stable).toContain("(212) 555-0198");
    expect(redaction.request.stable).toBe(request.stable);
    expect(redaction.request.jsonSchema).toBe(request.jsonSchema);
    expect(redaction.request.caseId).toBe(request.caseId);
    expect(redaction.request.variable).not.toContain("555-0198");
  });

  it("redacts only the kinds asked for", () => {
    const { sent } = redact("Call (917) 555-0146 or mail a@example.com, card 4111111111111111.", {
      kinds: ["email"],
    });
    expect(callerLine(sent)).toBe("Call (917) 555-0146 or mail [EMAIL_1], card 4111111111111111.");
  });

  it("with no kinds, sends the request exactly as rendered", () => {
    const { request, redaction } = redact("Call (917) 555-0146.", { kinds: [] });
    expect(redaction.request).toBe(request);
  });

  it("is deterministic, and two calls that differ only in the number send the same request", () => {
    const redactor = createRedactor(ALL, SCORING);
    const a = call("Call me on (917) 555-0146.", "US", "same");
    const b = call("Call me on (646) 555-0172.", "US", "same");
    const first = redactor.redact(prompt.render(a), a);
    expect(redactor.redact(prompt.render(a), a).request).toEqual(first.request);
    const other = redactor.redact(prompt.render(b), b);
    expect(other.request).toEqual(first.request);
    expect(first.restore("[PHONE_1]")).toBe("(917) 555-0146");
    expect(other.restore("[PHONE_1]")).toBe("(646) 555-0172");
  });
});

describe("restore", () => {
  it("puts the real values back into the model's JSON, so validation and scoring see them", () => {
    const { redaction } = redact("I'm Dana, (212) 555-0198, dana@example.com.");
    const answer = JSON.stringify({
      ...Object.fromEntries(Object.keys(Appointment.shape).map((key) => [key, null])),
      caller_name: "Dana",
      phone: "[PHONE_1]",
      intent: "book",
      business: "clinic",
      language: "en",
      notes: "Send the confirmation to [EMAIL_1].",
    });
    const output = validateOutput(`Here you go:\n${redaction.restore(answer)}`, Appointment);
    expect(output.ok).toBe(true);
    expect(output.value).toMatchObject({
      phone: "(212) 555-0198",
      notes: "Send the confirmation to dana@example.com.",
    });
  });

  it("cannot be fooled by a placeholder-looking string the call already contained", () => {
    const { sent, redaction } = redact(
      "The form says [PHONE_1] and [EMAIL_2]; my real number is (917) 555-0146.",
    );
    expect(callerLine(sent)).toBe("The form says [PHONE_1] and [EMAIL_2]; my real number is [PHONE_2].");
    expect(redaction.restore('{"phone":"[PHONE_1]","notes":"[EMAIL_2]"}')).toBe(
      '{"phone":"[PHONE_1]","notes":"[EMAIL_2]"}',
    );
    expect(redaction.restore('{"phone":"[PHONE_2]"}')).toBe('{"phone":"(917) 555-0146"}');
  });

  it("never issues a placeholder that the stable prefix contains", () => {
    const testCase = call("Call (917) 555-0146.");
    const rendered = prompt.render(testCase);
    const request: CompletionRequest = { ...rendered, stable: `${rendered.stable}\nExample: [PHONE_1]` };
    const redaction = createRedactor(ALL, SCORING).redact(request, testCase);
    expect(callerLine(redaction.request.variable)).toBe("Call [PHONE_2].");
  });

  it("leaves placeholders it never issued, and near misses, as they are", () => {
    const { redaction } = redact("(917) 555-0146");
    expect(redaction.restore("[PHONE_9] [PHONE_10] PHONE_1 [phone_1] [PHONE_1]")).toBe(
      "[PHONE_9] [PHONE_10] PHONE_1 [phone_1] (917) 555-0146",
    );
  });

  it("keeps the mapping out of anything that can be printed, serialised or stored", () => {
    const { redaction } = redact("(917) 555-0146, dana@example.com, 4111 1111 1111 1111");
    expect(Object.keys(redaction).sort()).toEqual(["counts", "request", "restore"]);
    for (const shown of [JSON.stringify(redaction), inspect(redaction, { depth: 10, showHidden: true })]) {
      expect(shown).not.toContain("555-0146");
      expect(shown).not.toContain("dana@example.com");
      expect(shown).not.toContain("4111 1111");
    }
  });
});

describe("which models are redacted", () => {
  it("models of a remote provider when the suite asks, never a local one, never a model that opts out", () => {
    const kinds: RedactKind[] = ["phone"];
    expect(redactsFor({ id: "gpt" }, true, kinds)).toBe(true);
    expect(redactsFor({ id: "claude", redact: true }, true, kinds)).toBe(true);
    expect(redactsFor({ id: "local", redact: false }, true, kinds)).toBe(false);
    expect(redactsFor({ id: "prod" }, false, kinds)).toBe(false);
    expect(redactsFor({ id: "gpt" }, true, undefined)).toBe(false);
    expect(redactsFor({ id: "gpt" }, true, [])).toBe(false);
  });

  it("the built-in providers declare which of them are remote", () => {
    expect(BUILT_IN_PROVIDERS.filter((p) => p.capabilities.remote).map((p) => p.kind)).toEqual([
      "openai",
      "anthropic",
      "custom",
    ]);
  });

  it("the config takes redact kinds and a per-model opt-out, and rejects anything else", () => {
    const base = {
      name: "s",
      dataset: "d.jsonl",
      prompt: "p.md",
      schema: Appointment,
      models: [{ id: "local", provider: "openai", model: "llama", redact: false }],
    };
    expect(configSchema.safeParse({ ...base, redact: ["phone", "email", "card"] }).success).toBe(true);
    expect(configSchema.safeParse({ ...base, redact: ["ssn"] }).success).toBe(false);
    const replay = { ...base, models: [{ id: "r", provider: "replay", path: "r.jsonl", redact: false }] };
    expect(configSchema.safeParse(replay).success).toBe(false);
  });
});
