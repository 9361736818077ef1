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

const CONTROL_NAMES: Record<string, string> = {
  "\r": "<enter>",
  "\n": "<enter>",
  "\u007f": "<bs>",
  "\b": "<bs>",
  "\u001b": "<esc>",
};

/** The name of a control character typed alone ("\u0015" is "<c-u>"); undefined for text, tab included. */
function controlName(char: string): string | undefined {
  const named = CONTROL_NAMES[char];
  if (named !== undefined) return named;
  const code = char.codePointAt(0) ?? 0;
  return code >= 1 && code <= 26 && char !== "\t" ? `<c-${String.fromCodePoint(code + 96)}>` : undefined;
}

/**
 * The keys in one chunk of input, in order. Keys typed faster than a frame, or
 * over a slow link, reach Ink together ("99\u00155" is 9, 9, Ctrl+U, 5): the
 * control characters among them become their keys, the text between them
 * stays one piece (a paste is typed at once), and other control bytes go.
 */
export function splitChunk(chunk: string): Keypress[] {
  const presses: Keypress[] = [];
  let text = "";
  for (const char of chunk) {
    const code = char.codePointAt(0) ?? 0;
    const name = controlName(char);
    if (name === undefined && (code >= 32 || char === "\t")) {
      text += char;
      continue;
    }
    if (text !== "") presses.push({ text });
    text = "";
    if (name !== undefined) presses.push({ name });
  }
  if (text !== "") presses.push({ text });
  return presses;
}

/** How a key press reads in messages. */
export function pressLabel(press: Keypress): string {
  return press.name ?? (press.text.length > 1 ? "pasted text" : press.text);
}
