// Turns what Ink reports for one key press into the names the keymap table uses.
import type { Key } from "ink";

/**
 * A key press: `name` for a named key ("<enter>", "<up>", "<c-u>"), else the
 * typed text (one character, or a whole paste). Text never matches a named key,
 * so pasting the letters "<up>" types them.
 */
export type Keypress = { name: string; text?: undefined } | { name?: undefined; text: string };

const NAMED: [keyof Key, string][] = [
  ["upArrow", "<up>"],
  ["downArrow", "<down>"],
  ["leftArrow", "<left>"],
  ["rightArrow", "<right>"],
  ["pageUp", "<pgup>"],
  ["pageDown", "<pgdn>"],
  ["home", "<home>"],
  ["end", "<end>"],
  ["return", "<enter>"],
  ["escape", "<esc>"],
  // Most terminals send DEL (0x7f) for Backspace, which Ink reports as `delete`.
  ["backspace", "<bs>"],
  ["delete", "<bs>"],
];

export function toKeypress(input: string, key: Key): Keypress | undefined {
  if (key.tab) return { name: key.shift ? "<s-tab>" : "<tab>" };
  for (const [flag, name] of NAMED) if (key[flag] === true) return { name };
  // A bare line feed (Ctrl+J, some terminal setups) is Enter too.
  if (input === "\n") return { name: "<enter>" };
  if (key.ctrl && input.length === 1) return { name: `<c-${input.toLowerCase()}>` };
  // Alt+key arrives as meta; no binding uses it, and it must not type or act.
  if (key.meta || input === "") return undefined;
  return { text: input };
}

/** How a key press reads in messages. */
export function pressLabel(press: Keypress): string {
  return press.name ?? (press.text.length > 1 ? "pasted text" : press.text);
}
