// `callgrade compare`: what changed from run A to run B, per model and field, and which calls flipped.
import { pct, signedPoints as pts, table } from "../core/format.js";
import { inert } from "../core/inert.js";
import type { GateCheck } from "../gate/types.js";

const SHOWN_FLIPS = 20;

/** A table of every field's change, then the calls that flipped, worst changes first. */
export function renderCompare(checks: GateCheck[], a: string, b: string): string {
  const fields = checks
    .filter((c) => c.kind === "regression" && c.field)
    .sort((x, y) => (x.delta ?? 0) - (y.delta ?? 0));
  const rows = fields.map((c) => [
    c.model,
    c.field ?? "",
    pct(c.baseline),
    pct(c.observed),
    `${pts(c.delta)} pts`,
    c.interval ? `[${pts(c.interval[0])}, ${pts(c.interval[1])}]` : "",
    c.pValue === null || c.pValue === undefined ? "—" : c.pValue.toPrecision(2),
    `${c.flips?.rightToWrong.length ?? 0}/${c.flips?.wrongToRight.length ?? 0}`,
    String(c.n),
  ]);
  const out = [
    `${inert(a)} → ${inert(b)}: accuracy per model and field on the calls both runs share`,
    "",
    table(["model", "field", "A", "B", "change", "95% CI (pts)", "p (McNemar)", "r→w/w→r", "n"], rows, [
      "l",
      "l",
      "r",
      "r",
      "r",
      "r",
      "r",
      "r",
      "r",
    ]),
  ];
  const overall = checks.filter((c) => c.kind === "regression" && !c.field);
  if (overall.length > 0) {
    out.push("", ...overall.map((c) => `  ${inert(c.message)}`));
  }
  const flipped = fields.filter(
    (c) => (c.flips?.rightToWrong.length ?? 0) + (c.flips?.wrongToRight.length ?? 0) > 0,
  );
  if (flipped.length > 0) out.push("", "calls whose outcome flipped:");
  for (const c of flipped) {
    for (const [label, list] of [
      ["right → wrong", c.flips?.rightToWrong ?? []],
      ["wrong → right", c.flips?.wrongToRight ?? []],
    ] as const) {
      if (list.length === 0) continue;
      out.push(`  ${inert(c.model)} ${inert(c.field ?? "")} ${label}:`);
      for (const flip of list.slice(0, SHOWN_FLIPS)) {
        out.push(`    ${inert(flip.caseId)}: ${show(flip.baseline)} → ${show(flip.candidate)}`);
      }
      if (list.length > SHOWN_FLIPS) out.push(`    … and ${list.length - SHOWN_FLIPS} more`);
    }
  }
  return out.join("\n");
}

function show(value: unknown): string {
  if (value === undefined) return "—";
  return inert(typeof value === "string" ? value : JSON.stringify(value));
}
