// The one-line editor behind e, g and n: a buffer and a cursor, counted in code points.
import { inert } from "../../core/inert.js";

export interface Editor {
  text: string;
  /** Position in code points, 0..length. */
  cursor: number;
}

export const EMPTY_EDITOR: Editor = { text: "", cursor: 0 };

export function editorWith(text: string): Editor {
  return { text, cursor: [...text].length };
}

/** Inserts typed or pasted text; pasted escapes and line breaks never reach the buffer. */
export function insert(editor: Editor, typed: string): Editor {
  const clean = [...inert(typed.replace(/[\r\n\t]+/g, " "))];
  if (clean.length === 0) return editor;
  const chars = [...editor.text];
  chars.splice(editor.cursor, 0, ...clean);
  return { text: chars.join(""), cursor: editor.cursor + clean.length };
}

export function erase(editor: Editor): Editor {
  if (editor.cursor === 0) return editor;
  const chars = [...editor.text];
  chars.splice(editor.cursor - 1, 1);
  return { text: chars.join(""), cursor: editor.cursor - 1 };
}

/** Ctrl+W: the word before the cursor, and the spaces after it, go. */
export function eraseWord(editor: Editor): Editor {
  const chars = [...editor.text];
  let from = editor.cursor;
  while (from > 0 && /\s/u.test(chars[from - 1] ?? "")) from--;
  while (from > 0 && !/\s/u.test(chars[from - 1] ?? "")) from--;
  chars.splice(from, editor.cursor - from);
  return { text: chars.join(""), cursor: from };
}

export function moveCursor(editor: Editor, to: "left" | "right" | "home" | "end"): Editor {
  const length = [...editor.text].length;
  const cursor =
    to === "home"
      ? 0
      : to === "end"
        ? length
        : Math.min(length, Math.max(0, editor.cursor + (to === "left" ? -1 : 1)));
  return { ...editor, cursor };
}
