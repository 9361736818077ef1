// A run as the store takes it, for tests that need one and care about a few of its parts.
import type { NewRun } from "../../src/store/index.js";

export function runRecord(overrides: Partial<NewRun> = {}): NewRun {
  return {
    id: "r1",
    suite: "s",
    createdAt: "2026-01-01T00:00:00.000Z",
    configFile: "/x/callgrade.config.ts",
    hashes: { prompt: "p", knowledgeBase: "k", schema: "s" },
    models: [{ id: "m", provider: "openai" }],
    fields: [],
    scoring: { phoneRegion: "US", referenceDateKey: "callDate", phoneRegionKey: "phoneRegion" },
    repeat: 1,
    skipped: [],
    knowledgeBase: "",
    review: { overlap: 0, leaseMinutes: 15, passRating: 3 },
    ...overrides,
  };
}
