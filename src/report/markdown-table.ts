// Table cells of report.md, shared by its sections.

/** Markdown table cells: pipes and newlines would break the table, and HTML must stay text. */
export function cell(text: string): string {
  return text.replace(/[|\\]/g, "\\$&").replace(/</g, "&lt;").replace(/\r?\n/g, " ");
}

export function row(cells: string[]): string {
  return `| ${cells.map(cell).join(" | ")} |`;
}
