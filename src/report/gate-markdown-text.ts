// Untrusted text as inert Markdown, and the tables of the gate's pull-request comment.
import type { GateCheck } from "../gate/types.js";

// Controls, bidi overrides, unpaired surrogates (the u flag leaves pairs alone) and noncharacters.
const UNSHOWABLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: untrusted text loses its control characters
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]/gu;

/**
 * Untrusted text (model values, case ids, messages) as inert inline Markdown: HTML stays text, pipes and
 * newlines cannot break a table, emphasis and links do not form, and `@name` pings nobody.
 */
export function mdText(text: string): string {
  return text
    .replace(UNSHOWABLE, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]|~]/g, "\\$&")
    .replace(/@(?=\w)/g, "@\u200b")
    .replace(/\r\n?|\n/g, " ");
}

function row(cells: string[]): string {
  return `| ${cells.join(" | ")} |`;
}

export function table(header: string[], align: string[], rows: string[][]): string[] {
  return [row(header.map(mdText)), row(align), ...rows.map(row)];
}

export function where(check: GateCheck): string {
  return mdText(check.field ? `${check.model} · ${check.field}` : `${check.model} · ${check.metric}`);
}
