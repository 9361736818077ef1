// The one-line editor of e (value), g (gold correction) and n (note): prompt, buffer, cursor, hint.
import { Box, Text } from "ink";
import { inert } from "../../core/inert.js";
import type { Editor } from "./editor.js";
import { displayWidth, visibleWindow } from "./wrap.js";

const PROMPTS = { edit: "right value for", "gold-edit": "corrected gold for", note: "note on" } as const;
/** The buffer keeps at least this many columns however long the prompt is. */
const MIN_BUFFER = 10;

export function LineEditor({
  mode,
  editor,
  field,
  hint,
  width,
}: {
  mode: keyof typeof PROMPTS;
  editor: Editor;
  field: string;
  hint: string;
  width: number;
}) {
  const prompt = `${PROMPTS[mode]} ${inert(field)} › `;
  const chars = [...editor.text];
  // One row however long the text: the part around the cursor is shown, scrolled sideways.
  const room = Math.max(MIN_BUFFER, width - 1 - displayWidth(prompt));
  const whole = visibleWindow(chars, editor.cursor, room);
  // Text left of the window is marked with …, which takes a column of the window.
  const [from, to] = whole[0] > 0 ? visibleWindow(chars, editor.cursor, room - 1) : whole;
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text wrap="truncate-end">
        <Text bold>{prompt}</Text>
        {from > 0 ? <Text dimColor>…</Text> : null}
        {chars.slice(from, editor.cursor).join("")}
        <Text inverse>{chars[editor.cursor] ?? " "}</Text>
        {chars.slice(editor.cursor + 1, to).join("")}
      </Text>
      <Text dimColor wrap="truncate-end">
        {hint} · Enter saves · Esc cancels
      </Text>
    </Box>
  );
}
