// report.md's "Reviewer notes": what reviewers wrote beside their grades. Notes are untrusted text, so each is
// made inert before it meets Markdown: no HTML, link, image, heading or table syntax can come alive.
import { inert } from "../core/inert.js";
import type { RunSummary } from "../core/summary.js";

/**
 * Text that renders as itself: control characters dropped, whitespace (newlines too) run together,
 * `&` `<` `>` as entities, and every other ASCII punctuation character backslash-escaped (CommonMark
 * lets any of them be), so `![x](url)`, `<img>`, `# heading`, `| cell` and `` `code` `` stay literal.
 */
export function inertMarkdown(text: string): string {
  return inert(text)
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[!"#$%'()*+,\-./:;=?@[\\\]^_`{|}~]/g, "\\$&")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

export function notesMarkdown(summary: RunSummary): string[] {
  const notes = summary.review.notes;
  if (!notes || notes.total === 0) return [];
  const more = notes.total > notes.shown.length ? ` (the first ${notes.shown.length} of ${notes.total})` : "";
  const lines = [
    "",
    "## Reviewer notes",
    "",
    `${notes.total} ${notes.total === 1 ? "note" : "notes"}${more}.`,
    "",
  ];
  // Not row(): its escaping would double the backslashes of text already made inert.
  lines.push(`| case | field | reviewer | note |`, `| --- | --- | --- | --- |`);
  for (const note of notes.shown) {
    lines.push(
      rowOf([
        inertMarkdown(note.caseId),
        inertMarkdown(note.field),
        inertMarkdown(note.reviewer),
        inertMarkdown(note.text),
      ]),
    );
  }
  return lines;
}

/** A table row of cells already made inert: only the cell separators are added. */
function rowOf(cells: string[]): string {
  return `| ${cells.join(" | ")} |`;
}
