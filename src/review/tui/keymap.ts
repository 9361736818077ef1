// The one table of keys: the reducer looks keys up here, and the help screen and hint line are drawn from it.
import type { Rating } from "../types.js";
import type { Keypress } from "./keys.js";

export type Mode = "grade" | "edit" | "note" | "help" | "gold-edit" | "rate";
export type FieldKind = "structured" | "free-text";
export type Score = Rating["score"];

/** What a key asks for; the reducer decides what it does in the current state. */
export type Intent =
  | { type: "pick"; index: number }
  | { type: "start-edit" | "start-gold" | "start-note" | "start-rate" }
  | { type: "none" | "skip" | "undo" | "toggle-kb" | "help" | "close-help" | "quit" }
  | { type: "scroll"; by: number }
  | { type: "page"; by: 1 | -1 }
  | { type: "field" | "row"; by: 1 | -1 }
  | { type: "rate"; score: Score }
  | { type: "pass"; pass: boolean }
  | { type: "save-rating" | "cancel" | "submit" | "erase" | "erase-word" | "clear-line" }
  | { type: "cursor"; to: "left" | "right" | "home" | "end" }
  | { type: "insert"; text: string };

export interface Binding {
  modes: readonly Mode[];
  /** Key names ("<enter>"), single characters, "<text>" (any typed text) or "<any-key>" (any key at all). */
  keys: readonly string[];
  /** The keys as the help screen shows them. */
  label: string;
  help: string;
  /** A word for the hint line under the screen; absent: on the help screen only. */
  hint?: string;
  /** Only while the selected field is of this kind. */
  field?: FieldKind;
  intent: (press: Keypress) => Intent;
}

export const TEXT_MODES: readonly Mode[] = ["edit", "gold-edit", "note"];
const BROWSE: readonly Mode[] = ["grade", "rate"];
const ALL: readonly Mode[] = ["grade", "rate", "help", ...TEXT_MODES];

const digit = (press: Keypress): number => Number(press.text ?? "0");
const digits = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
const step = (press: Keypress, back: readonly string[]): 1 | -1 => (back.includes(press.name ?? "") ? -1 : 1);
const CURSOR_KEYS: Record<string, "left" | "right" | "home" | "end"> = {
  "<left>": "left",
  "<right>": "right",
  "<home>": "home",
  "<end>": "end",
};
const fixed = (intent: Intent) => (): Intent => intent;

// biome-ignore format: one binding a line reads as the table it is
export const KEYMAP: readonly Binding[] = [
  { modes: ["grade"], keys: digits(1, 9), label: "1..9", field: "structured", hint: "pick", help: "pick that model's value (its column number) for the selected field", intent: (p) => ({ type: "pick", index: digit(p) - 1 }) },
  { modes: ["grade"], keys: digits(1, 5), label: "1..5", field: "free-text", hint: "rate", help: "free text: rate the first model answer 1..5 and go on rating the others", intent: (p) => ({ type: "rate", score: digit(p) as Score }) },
  { modes: ["grade"], keys: ["<enter>", "r"], label: "Enter, r", field: "free-text", help: "free text: rate the model answers one by one", intent: fixed({ type: "start-rate" }) },
  { modes: ["grade"], keys: ["e"], label: "e", hint: "edit", help: "type the correct value (checked against the field's type; empty or null means null)", intent: fixed({ type: "start-edit" }) },
  { modes: ["grade"], keys: ["x"], label: "x", hint: "none", help: "no model is right, and the right value is unknown", intent: fixed({ type: "none" }) },
  { modes: ["grade"], keys: ["g"], label: "g", hint: "gold", help: "the gold label is wrong: type the corrected gold (starts from the current gold)", intent: fixed({ type: "start-gold" }) },
  { modes: ["grade"], keys: ["n"], label: "n", hint: "note", help: "add a note to the selected field", intent: fixed({ type: "start-note" }) },
  { modes: ["grade"], keys: ["s"], label: "s", hint: "skip", help: "skip this case (it stays ungraded and comes back next session)", intent: fixed({ type: "skip" }) },
  { modes: ["grade"], keys: ["u"], label: "u", hint: "undo", help: "undo your last grade and go back to it", intent: fixed({ type: "undo" }) },
  { modes: ["grade"], keys: ["<up>", "<down>", "<tab>", "<s-tab>"], label: "↑/↓, Tab", help: "move among the fields in dispute", intent: (p) => ({ type: "field", by: step(p, ["<up>", "<s-tab>"]) }) },
  { modes: ["rate"], keys: digits(1, 5), label: "1..5", hint: "score", help: "score the selected answer (passes at the pass rating or above, unless p/f say otherwise)", intent: (p) => ({ type: "rate", score: digit(p) as Score }) },
  { modes: ["rate"], keys: ["p"], label: "p", hint: "pass", help: "the selected answer passes, whatever its score", intent: fixed({ type: "pass", pass: true }) },
  { modes: ["rate"], keys: ["f"], label: "f", hint: "fail", help: "the selected answer fails, whatever its score", intent: fixed({ type: "pass", pass: false }) },
  { modes: ["rate"], keys: ["<up>", "<down>", "<tab>", "<s-tab>"], label: "↑/↓, Tab", help: "move among the model answers", intent: (p) => ({ type: "row", by: step(p, ["<up>", "<s-tab>"]) }) },
  { modes: ["rate"], keys: ["<enter>"], label: "Enter", hint: "save", help: "save the ratings of every answer as the field's grade", intent: fixed({ type: "save-rating" }) },
  { modes: ["rate"], keys: ["<esc>"], label: "Esc", hint: "cancel", help: "stop rating without saving", intent: fixed({ type: "cancel" }) },
  { modes: BROWSE, keys: ["<pgup>", "<pgdn>"], label: "PgUp/PgDn", help: "scroll the transcript a page", intent: (p) => ({ type: "page", by: step(p, ["<pgup>"]) }) },
  { modes: BROWSE, keys: ["j", "k"], label: "j/k", help: "scroll the transcript a line down/up", intent: (p) => ({ type: "scroll", by: p.text === "k" ? -1 : 1 }) },
  { modes: BROWSE, keys: ["b"], label: "b", hint: "KB", help: "show or hide the knowledge-base excerpt for the selected field (b for base; k scrolls)", intent: fixed({ type: "toggle-kb" }) },
  { modes: BROWSE, keys: ["?"], label: "?", hint: "help", help: "show every key", intent: fixed({ type: "help" }) },
  { modes: BROWSE, keys: ["q"], label: "q", hint: "quit", help: "quit (every grade shown as saved is stored)", intent: fixed({ type: "quit" }) },
  { modes: TEXT_MODES, keys: ["<enter>"], label: "Enter", hint: "save", help: "save (a value must fit the field's type, or the message says why)", intent: fixed({ type: "submit" }) },
  { modes: TEXT_MODES, keys: ["<esc>"], label: "Esc", hint: "cancel", help: "cancel, nothing saved", intent: fixed({ type: "cancel" }) },
  { modes: TEXT_MODES, keys: ["<bs>"], label: "Backspace", help: "delete the character before the cursor", intent: fixed({ type: "erase" }) },
  { modes: TEXT_MODES, keys: ["<left>", "<right>", "<home>", "<end>"], label: "←/→, Home/End", help: "move the cursor", intent: (p) => ({ type: "cursor", to: CURSOR_KEYS[p.name ?? ""] ?? "end" }) },
  { modes: TEXT_MODES, keys: ["<c-u>"], label: "Ctrl+U", help: "clear the line", intent: fixed({ type: "clear-line" }) },
  { modes: TEXT_MODES, keys: ["<c-w>"], label: "Ctrl+W", help: "delete the word before the cursor", intent: fixed({ type: "erase-word" }) },
  { modes: TEXT_MODES, keys: ["<text>"], label: "any text", help: "typed or pasted at the cursor", intent: (p) => ({ type: "insert", text: p.text ?? "" }) },
  { modes: ["help"], keys: ["j", "k", "<down>", "<up>"], label: "j/k, ↑/↓", help: "scroll this screen a line", intent: (p) => ({ type: "scroll", by: p.text === "k" || p.name === "<up>" ? -1 : 1 }) },
  { modes: ["help"], keys: ["<pgup>", "<pgdn>"], label: "PgUp/PgDn", help: "scroll this screen a page", intent: (p) => ({ type: "page", by: step(p, ["<pgup>"]) }) },
  { modes: ["help"], keys: ["<any-key>"], label: "any key", help: "any other key: back to where you were", intent: fixed({ type: "close-help" }) },
  { modes: ALL, keys: ["<c-c>"], label: "Ctrl+C", help: "quit from anywhere (every grade shown as saved is stored)", intent: fixed({ type: "quit" }) },
];

function applies(binding: Binding, mode: Mode, field: FieldKind | undefined): boolean {
  return binding.modes.includes(mode) && (binding.field === undefined || binding.field === field);
}

/** The bindings in force in `mode` for a selected field of kind `field`, in table order. */
export function bindingsFor(mode: Mode, field: FieldKind | undefined): Binding[] {
  return KEYMAP.filter((binding) => applies(binding, mode, field));
}

/** The binding a key press triggers: its own key first, then "any text", then "any key". */
export function lookup(mode: Mode, field: FieldKind | undefined, press: Keypress): Binding | undefined {
  const live = bindingsFor(mode, field);
  // A paste of several characters is text, never a key.
  const key = press.name ?? ([...press.text].length === 1 ? press.text : undefined);
  return (
    (key === undefined ? undefined : live.find((b) => b.keys.includes(key))) ??
    (press.text === undefined ? undefined : live.find((b) => b.keys.includes("<text>"))) ??
    live.find((b) => b.keys.includes("<any-key>"))
  );
}
