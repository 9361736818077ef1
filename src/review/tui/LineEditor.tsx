// The one-line editor of e (value), g (gold correction) and n (note): prompt, buffer, cursor, hint.
import { Box, Text } from "ink";
import { inert } from "../../core/inert.js";
import { type Editor, splitAtCursor } from "./editor.js";

const PROMPTS = { edit: "right value for", "gold-edit": "corrected gold for", note: "note on" } as const;

export function LineEditor({
  mode,
  editor,
  field,
  hint,
}: {
  mode: keyof typeof PROMPTS;
  editor: Editor;
  field: string;
  hint: string;
}) {
  const { before, at, after } = splitAtCursor(editor);
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text>
        <Text bold>
          {PROMPTS[mode]} {inert(field)} ›{" "}
        </Text>
        {before}
        <Text inverse>{at}</Text>
        {after}
      </Text>
      <Text dimColor>{hint} · Enter saves · Esc cancels</Text>
    </Box>
  );
}
