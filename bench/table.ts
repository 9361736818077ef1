// One row per figure: what was measured, its value, the target and the ideal; and the table they print as.

export interface Row {
  scenario: string;
  measure: string;
  /** The figure as a number, in `unit`: what results.json keeps and the test checks. */
  value: number;
  unit: string;
  /** The figure as the table shows it. */
  shown: string;
  /** "" for a row that only informs. */
  target: string;
  ideal: string;
  /** null for a row without a target. */
  pass: boolean | null;
}

/** What a scenario hands back: its rows, and the raw numbers behind them for results.json. */
export interface ScenarioResult {
  scenario: string;
  rows: Row[];
  details: Record<string, number | string | boolean>;
  /** What the table cannot say in a cell (a run that failed, and why); printed under it. */
  notes?: string[];
}

export function row(fields: Omit<Row, "pass" | "target" | "ideal"> & Partial<Row>): Row {
  const { scenario, measure, value, unit, shown, target = "", ideal = "", pass = null } = fields;
  return { scenario, measure, value, unit, shown, target, ideal, pass };
}

const HEADERS = ["scenario", "measure", "figure", "target", "ideal", "result"] as const;

export function renderTable(rows: Row[]): string {
  const cells = rows.map((r) => [
    r.scenario,
    r.measure,
    r.shown,
    r.target,
    r.ideal,
    r.pass === null ? "" : r.pass ? "pass" : "MISS",
  ]);
  const widths = HEADERS.map((header, i) =>
    Math.max(header.length, ...cells.map((c) => (c[i] ?? "").length)),
  );
  const line = (values: readonly string[]) =>
    `| ${values.map((value, i) => value.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const rule = `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
  return [line(HEADERS), rule, ...cells.map(line)].join("\n");
}
