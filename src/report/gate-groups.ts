// Inconclusive checks grouped by model, as the console and the pull-request comment list them when there are
// many: one line per model naming each check with its n, instead of one long message per check.
import type { GateCheck } from "../gate/types.js";

/** Up to this many inconclusive checks are listed one message each; more are grouped by model. */
export const GROUP_ABOVE = 4;

export interface ModelGroup {
  model: string;
  /** "name n=4", "fieldAccuracy n=4", "schemaValidRate ≥ 0.9 n=5" */
  items: string[];
  /** The most calls any of them says it would need. */
  neededCalls?: number;
}

export function groupByModel(checks: GateCheck[]): ModelGroup[] {
  const groups = new Map<string, ModelGroup>();
  for (const check of checks) {
    const group = groups.get(check.model) ?? { model: check.model, items: [] };
    group.items.push(`${label(check)} n=${check.n}`);
    if (check.neededCalls !== undefined)
      group.neededCalls = Math.max(group.neededCalls ?? 0, check.neededCalls);
    groups.set(check.model, group);
  }
  return [...groups.values()];
}

function label(check: GateCheck): string {
  if (check.kind === "threshold") {
    const limit =
      check.limit?.min !== undefined
        ? ` ≥ ${check.limit.min}`
        : check.limit?.max !== undefined
          ? ` ≤ ${check.limit.max}`
          : "";
    return `${check.metric}${check.field ? `:${check.field}` : ""}${limit}`;
  }
  return check.field ?? check.metric;
}
