// Many inconclusive checks in the pull-request comment: one line per model naming each check with its n, and
// every check's full message in a collapsed <details> block, so the failures above stay in view.
import type { GateCheck } from "../gate/types.js";
import { groupByModel } from "./gate-groups.js";
import { mdText } from "./gate-markdown-text.js";

export function groupedMarkdown(checks: GateCheck[], item: (check: GateCheck) => string): string[] {
  return [
    `${checks.length} checks cannot tell yet (more calls would), by model:`,
    "",
    ...groupByModel(checks).map(
      (g) =>
        `- ⚠️ **${mdText(g.model)}**: ${g.items.map(mdText).join(", ")}` +
        (g.neededCalls !== undefined ? ` — needs ≈${g.neededCalls} calls` : ""),
    ),
    "",
    `<details><summary>Each inconclusive check (${checks.length})</summary>`,
    "",
    ...checks.map(item),
    "",
    "</details>",
  ];
}
