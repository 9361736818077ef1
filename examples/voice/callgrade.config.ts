// The voice variant of the example suite: `npm run demo:voice` synthesises each call's reference transcript
// with flite, transcribes it with pocketsphinx and has every model extract from both transcripts, so the
// report shows what recognition errors cost each field. "rules" is a deterministic rule-based extractor
// (extractor.ts), not a language model; the real models join when OPENAI_API_KEY / ANTHROPIC_API_KEY is set.
// Relative paths start at this file's folder.
import { defineConfig } from "callgrade";
import { VoiceBooking } from "./schema.js";

export default defineConfig({
  name: "voice demo",
  dataset: "calls.jsonl",
  prompt: "prompt.md",
  schema: VoiceBooking,
  models: [
    { id: "rules", provider: "custom", path: "./extractor.ts" },
    { id: "gpt-4.1-mini", provider: "openai", model: "gpt-4.1-mini", params: { temperature: 0 } },
    {
      id: "claude-sonnet-4-5",
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      params: { temperature: 0 },
    },
  ],
  asr: { recognisers: [{ id: "sphinx", provider: "pocketsphinx" }] },
  scoring: { phoneRegion: "US", referenceDateKey: "callDate", phoneRegionKey: "phoneRegion" },
  store: "../../.callgrade/voice/callgrade.db",
  reportsDir: "../../reports/voice",
});
