// summary.json's `robustness`: on a dataset with noisy variants (`callgrade perturb`), each model's accuracy
// at each noise level, against the word error rate the variants at that level really have.
import type { RobustnessPoint, RobustnessSummary } from "../core/summary.js";
import { isAutoScored } from "../scoring/matchers/index.js";
import type { RunRecord, Store } from "../store/index.js";

export function robustnessSummary(store: Store, run: RunRecord): RobustnessSummary | undefined {
  const levels = store.results.noiseLevels(run.id);
  // One level is no curve: the originals alone, or a single noise level, say nothing about robustness.
  if (levels.length < 2) return undefined;
  const werOf = new Map(levels.map((l) => [l.level, l.wer]));
  const scored = new Set(run.fields.filter((f) => isAutoScored(f.match)).map((f) => f.name));
  const byModel = new Map<string, Map<string, Map<number, { n: number; correct: number }>>>();
  for (const row of store.results.byNoiseLevel(run.id)) {
    if (!scored.has(row.field)) continue;
    const fields = byModel.get(row.model) ?? new Map();
    byModel.set(row.model, fields);
    const points = fields.get(row.field) ?? new Map();
    fields.set(row.field, points);
    points.set(row.level, { n: row.n, correct: row.correct });
  }
  const point = (level: number, n: number, accuracy: number | null): RobustnessPoint => ({
    level,
    wer: werOf.get(level) ?? 0,
    accuracy,
    n,
  });
  const models = run.models
    .filter((m) => byModel.has(m.id))
    .map((m) => {
      const fieldPoints = byModel.get(m.id) ?? new Map();
      const fields: Record<string, RobustnessPoint[]> = {};
      for (const [field, points] of fieldPoints) {
        fields[field] = levels.map(({ level }) => {
          const counts = points.get(level);
          return point(level, counts?.n ?? 0, counts && counts.n > 0 ? counts.correct / counts.n : null);
        });
      }
      // Field accuracy as everywhere else: the mean of the fields' accuracies, level by level.
      const fieldAccuracy = levels.map(({ level }, i) => {
        const values = Object.values(fields)
          .map((points) => points[i]?.accuracy)
          .filter((value): value is number => typeof value === "number");
        const n = Math.max(0, ...Object.values(fields).map((points) => points[i]?.n ?? 0));
        return point(level, n, values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
      });
      return { model: m.id, fieldAccuracy, fields };
    });
  return { levels, models };
}
