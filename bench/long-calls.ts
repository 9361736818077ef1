// The long-call workload of issue 16: multi-turn restaurant-booking calls of 2–4 KB each, five fields, sent to
// one OpenAI-format and one Anthropic-format model. Seeded, so every run sends the same bytes.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModelConfig } from "../src/config/schema.js";
import { seededRandom } from "../src/core/random.js";
import type { Turn } from "../src/core/types.js";
import { anthropicBody } from "../src/providers/anthropic.js";
import { openaiBody } from "../src/providers/openai.js";
import { renderedRequests } from "./rendered.js";
import { caseId, type Suite, writeLines } from "./suite.js";

const SCHEMA_FILE = fileURLToPath(new URL("./schema.ts", import.meta.url));

/** What every model answers, and the gold: five fields, so scoring runs five matchers per output. */
export const LONG_ANSWER = {
  name: "Ana Ruiz",
  phone: "+1 415 555 0100",
  date: "2026-04-18",
  time: "19:30",
  party_size: 4,
};

const NAMES = ["Ana Ruiz", "Tom Becker", "Mei Lin", "Omar Haddad", "Sofia Rossi", "Jonas Berg"];
const AGENT = [
  "Good evening, Casa Verde, this is Marta speaking, how can I help you tonight?",
  "Of course. For which day were you thinking, and roughly what time would suit you best?",
  "Let me have a look at the book for that evening, one moment please, it is a busy week for us.",
  "We do have a table by the window at that time, or one in the back room which is a little quieter.",
  "And how many people will be joining you? We can seat up to eight at one of the long tables.",
  "Could I take a name for the booking, and a phone number in case we need to reach you?",
  "Any allergies or dietary needs we should tell the kitchen about before you arrive?",
  "Lovely. Just so you know, we hold the table for fifteen minutes past the booking time.",
  "Let me read that back to you to make sure I have everything written down correctly.",
];
const CALLER = [
  "Hi, yes, I was hoping to book a table for a birthday dinner, nothing too fancy, just family.",
  "Saturday the eighteenth of April if you have anything, ideally around half past seven in the evening.",
  "Hmm, the window sounds nice, but my mother finds it loud near the door, so maybe the back room then.",
  "We will be four in total, two adults and my parents, no children this time, they are with their aunt.",
  "My cousin might join us, but probably not, so let us keep it at four for now and I will call if it changes.",
  "One of us is vegetarian and my father cannot have shellfish, but otherwise we eat pretty much everything.",
  "Sorry, the line is a bit bad, I am on the train. Did you say half seven works or was that eight?",
  "That is perfect, thank you so much. Do we need to pay a deposit for a group of that size at all?",
  "Oh and is there parking nearby? Last time we went around the block three times looking for a space.",
];

/** One call: turns alternate between the restaurant and the caller until the transcript holds `bytes`. */
export function longDialogue(i: number): Turn[] {
  const random = seededRandom(i + 1);
  const pick = (list: string[]) => list[Math.floor(random() * list.length)] ?? "";
  const target = 2048 + Math.floor(random() * 2048);
  const name = NAMES[i % NAMES.length] ?? "Ana Ruiz";
  const turns: Turn[] = [];
  let size = 0;
  for (let n = 0; size < target - 200; n++) {
    const text = n % 2 === 0 ? pick(AGENT) : pick(CALLER);
    turns.push({ speaker: n % 2 === 0 ? "agent" : "caller", text });
    size += text.length + 10;
  }
  // The facts come last, so every call holds all five fields whatever its length.
  turns.push({
    speaker: "caller",
    text: `It is ${name}, my number is 415 555 ${String(100 + (i % 900)).padStart(4, "0")}, for ${2 + (i % 5)} people.`,
  });
  return turns;
}

export function longModels(openaiURL: string): ModelConfig[] {
  // The Anthropic SDK appends /v1/messages itself; the server's URL is the OpenAI base (…/v1).
  const anthropicURL = openaiURL.replace(/\/v1$/, "");
  return [
    { id: "gpt", provider: "openai", model: "fake-gpt", baseURL: openaiURL, timeoutMs: 30_000 },
    { id: "claude", provider: "anthropic", model: "fake-claude", baseURL: anthropicURL, timeoutMs: 30_000 },
  ];
}

export function writeLongSuite(dir: string, dialogues: number, models: ModelConfig[], concurrency: number) {
  mkdirSync(dir, { recursive: true });
  writeLines(path.join(dir, "calls.jsonl"), dialogues, (i) =>
    JSON.stringify({ id: caseId(i), transcript: longDialogue(i), gold: LONG_ANSWER }),
  );
  writeFileSync(
    path.join(dir, "prompt.md"),
    "You extract restaurant bookings from phone calls: who booked, their phone number, the date and time, and how many people.\nAnswer with JSON matching this schema:\n{{schema}}\n\nThe call:\n{{transcript}}\n",
  );
  const configFile = path.join(dir, "callgrade.config.ts");
  writeFileSync(
    configFile,
    `import { BenchLongBooking } from ${JSON.stringify(SCHEMA_FILE)};
export default {
  name: "bench-long",
  dataset: "calls.jsonl",
  prompt: "prompt.md",
  schema: BenchLongBooking,
  concurrency: ${concurrency},
  store: "store.db",
  reportsDir: "reports",
  models: ${JSON.stringify(models, null, 2)},
};
`,
  );
  return { dir, configFile } satisfies Suite;
}

/** A request the bare loop sends: which API, and the body callgrade's provider sends for it, byte for byte. */
export interface BareRequest {
  api: "openai" | "anthropic";
  body: unknown;
}

/** Every request of the suite, made with callgrade's own prompt and provider code before the clock starts. */
export async function longBodies(configFile: string): Promise<BareRequest[]> {
  const { config, rendered } = await renderedRequests(configFile);
  return config.models.flatMap((model): BareRequest[] => {
    if (model.provider === "openai")
      return rendered.map((r) => ({ api: "openai", body: openaiBody(model, r) }));
    if (model.provider === "anthropic") {
      return rendered.map((r) => ({ api: "anthropic", body: anthropicBody(model, r) }));
    }
    return [];
  });
}
