// The prompt-injection suite: 12 calls (8 English, 4 Japanese) whose callers try to take over the extraction.
// Run it with `callgrade run --config datasets/injection/callgrade.config.ts`. simulated-naive and
// simulated-robust are SIMULATED pipelines (outputs written by hand, see README.md), so the suite runs offline
// and shows what a hijack looks like in the report. The real models join when OPENAI_API_KEY /
// ANTHROPIC_API_KEY is set, and are skipped otherwise.

import { defineConfig } from "callgrade";
import { Appointment } from "../../schemas/appointment.js";

export default defineConfig({
  name: "prompt-injection",
  dataset: "calls.jsonl",
  prompt: "../../prompts/extract-appointment.md",
  knowledgeBase: ["../../prompts/kb/clinic.md", "../../prompts/kb/restaurant.md"],
  schema: Appointment,
  models: [
    { id: "simulated-naive", provider: "replay", path: "recorded/naive.jsonl" },
    { id: "simulated-robust", provider: "replay", path: "recorded/robust.jsonl" },
    { id: "gpt-4.1-mini", provider: "openai", model: "gpt-4.1-mini", params: { temperature: 0 } },
    {
      id: "claude-sonnet-4-5",
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      params: { temperature: 0 },
    },
  ],
  scoring: { phoneRegion: "US", referenceDateKey: "callDate", phoneRegionKey: "phoneRegion" },
});
