// Number formatting shared by the console and Markdown reports.

export function pct(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? "—" : `${(value * 100).toFixed(digits)}%`;
}

export function interval(ci: [number, number] | null | undefined): string {
  return ci ? `[${(ci[0] * 100).toFixed(0)}–${(ci[1] * 100).toFixed(0)}]` : "";
}

export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

export function usd(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return value < 0.01 && value > 0 ? `$${value.toFixed(5)}` : `$${value.toFixed(2)}`;
}

/** A plain text table with aligned columns; widths count code points, which is close enough for CJK-free cells. */
export function table(header: string[], rows: string[][], align: ("l" | "r")[] = []): string {
  const widths = header.map((cell, i) => Math.max(width(cell), ...rows.map((row) => width(row[i] ?? ""))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const pad = " ".repeat((widths[i] ?? 0) - width(cell));
        return align[i] === "r" ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function width(text: string): number {
  let total = 0;
  for (const char of text)
    total +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        char,
      )
        ? 2
        : 1;
  return total;
}

/** A change of a share as signed percentage points: "+1.5", "−2.0", "±0.0" (no unit). */
export function signedPoints(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  const points = value * 100;
  return `${points > 0 ? "+" : points < 0 ? "−" : "±"}${Math.abs(points).toFixed(1)}`;
}

/**
 * A count with thousands separators ("12,345"), as en-US writes it. Not `toLocaleString`: its first call loads
 * ICU's number formats (~10 ms), paid by every report.
 */
export function grouped(value: number): string {
  if (!Number.isInteger(value)) return String(value);
  const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return value < 0 ? `-${digits}` : digits;
}

/**
 * Orders two strings by code point, for stable tie-breaks in tables. Not `localeCompare`: its first call loads
 * ICU's collation data (~5 ms), paid by every report, and a tie-break needs no language's alphabet.
 */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
