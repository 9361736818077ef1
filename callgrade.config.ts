// The bundled example suite: `npm start` runs it offline. prod-v1 and prod-v2 are SIMULATED pipeline versions
// (recorded outputs made by scripts/simulate-pipelines.ts with seeded error injection), not real models.
// The real models join the run when OPENAI_API_KEY / ANTHROPIC_API_KEY is set, and are skipped otherwise.

import { defineConfig } from "callgrade";
import { Appointment } from "./schemas/appointment.js";

const SIMULATED_PRICE = { inputPerMTok: 0.4, outputPerMTok: 1.6, cachedInputPerMTok: 0.1 };

export default defineConfig({
  name: "clinic-and-restaurant-bookings",
  dataset: "datasets/demo/calls.jsonl",
  prompt: "prompts/extract-appointment.md",
  knowledgeBase: ["prompts/kb/clinic.md", "prompts/kb/restaurant.md"],
  schema: Appointment,
  models: [
    // Recorded calls carry their own token usage; the price is what the simulated pipeline's model would cost.
    {
      id: "prod-v1",
      provider: "replay",
      path: "datasets/demo/recorded/prod-v1.jsonl",
      price: SIMULATED_PRICE,
    },
    {
      id: "prod-v2",
      provider: "replay",
      path: "datasets/demo/recorded/prod-v2.jsonl",
      price: SIMULATED_PRICE,
    },
    { id: "gpt-4.1-mini", provider: "openai", model: "gpt-4.1-mini", params: { temperature: 0 } },
    {
      id: "claude-sonnet-4-5",
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      params: { temperature: 0 },
    },
  ],
  // The notes' judge is SIMULATED too: verdicts recorded by scripts/simulate-judge.ts, a seeded rule with a
  // known bias (strict: it fails 30% of faithful paraphrases). Set a real model here to judge for real.
  judge: {
    model: { id: "judge-sim", provider: "replay", path: "datasets/demo/recorded/judge-sim.jsonl" },
  },
  concurrency: 16,
  repeat: 1,
  scoring: { phoneRegion: "US", referenceDateKey: "callDate", phoneRegionKey: "phoneRegion" },
  // Accuracy per clinic/restaurant call and per caller region (JP calls are in Japanese), in every report.
  slices: ["business", "phoneRegion"],
  gates: {
    thresholds: [
      { metric: "schemaValidRate", min: 0.85 },
      { metric: "fieldAccuracy", min: 0.85 },
    ],
    // 56 calls can promise about 8 points; a 2-point promise needs ~400 calls (docs/ci.md).
    regression: { baseline: "reports/baseline/summary.json", maxDrop: 0.1, alpha: 0.05 },
  },
});
