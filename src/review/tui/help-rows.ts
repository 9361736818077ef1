// The help screen's text as rows wrapped to the width, drawn from the keymap table so it never disagrees.
import { KEYMAP } from "./keymap.js";
import { displayWidth, fitText, wrapText } from "./wrap.js";

const SECTIONS: Record<string, string> = {
  grade: "grading a case",
  rate: "rating a free-text field",
  "grade,rate": "while grading or rating",
  "edit,gold-edit,note": "typing a value (e), a gold correction (g) or a note (n)",
  help: "this screen",
  "grade,rate,help,edit,gold-edit,note": "anywhere",
};
const FIELD_NOTE = { "free-text": " (free-text field)", structured: " (other fields)" } as const;
const MARKS =
  "Marks: › the selected row · ≠ a value that differs from the majority · ✓ your saved grade · underlined words in the transcript support a model's value (the model's color).";
const SAVED = 'Every grade is written before "saved ✓" shows; quitting keeps them all.';

export interface HelpRow {
  kind: "title" | "section" | "key" | "note" | "blank";
  /** For a key row: the key column (blank on the rows that continue its help). */
  label?: string;
  text: string;
}

/** Every row of the help at this width: sections of the keymap, each key's help wrapped beside its label. */
export function helpRows(width: number): HelpRow[] {
  const groups = new Map<string, typeof KEYMAP>();
  for (const b of KEYMAP) {
    const key = b.modes.join(",");
    groups.set(key, [...(groups.get(key) ?? []), b]);
  }
  const column = Math.max(...KEYMAP.map((b) => displayWidth(b.label))) + 4;
  const room = Math.max(20, width - 1 - column);
  const rows: HelpRow[] = [{ kind: "title", text: "callgrade review · every key" }];
  for (const [modes, bindings] of groups) {
    rows.push({ kind: "blank", text: " " }, { kind: "section", text: SECTIONS[modes] ?? modes });
    for (const b of bindings) {
      const help = `${b.help}${b.field ? FIELD_NOTE[b.field] : ""}`;
      wrapText(help, room).forEach((text, k) => {
        rows.push({ kind: "key", label: fitText(k === 0 ? `  ${b.label}` : "", column), text });
      });
    }
  }
  rows.push({ kind: "blank", text: " " });
  for (const note of [MARKS, SAVED])
    for (const text of wrapText(note, width - 1)) rows.push({ kind: "note", text });
  return rows;
}

/** Help rows shown at once: the terminal's rows less the footer and the row Ink needs spare. */
export function helpWindow(terminalRows: number): number {
  return Math.max(3, terminalRows - 2);
}

export function clampHelpScroll(scroll: number, width: number, terminalRows: number): number {
  return Math.min(Math.max(0, helpRows(width).length - helpWindow(terminalRows)), Math.max(0, scroll));
}
