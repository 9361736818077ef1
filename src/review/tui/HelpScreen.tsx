// Every key, drawn from the keymap table itself so the help can never disagree with what the keys do.
import { Box, Text } from "ink";
import { KEYMAP } from "./keymap.js";

const SECTIONS: Record<string, string> = {
  grade: "grading a case",
  rate: "rating a free-text field",
  "grade,rate": "while grading or rating",
  "edit,gold-edit,note": "typing a value (e), a gold correction (g) or a note (n)",
  help: "this screen",
  "grade,rate,help,edit,gold-edit,note": "anywhere",
};
const FIELD_NOTE = { "free-text": " (free-text field)", structured: " (other fields)" } as const;

export function HelpScreen() {
  const groups = new Map<string, typeof KEYMAP>();
  for (const b of KEYMAP) {
    const key = b.modes.join(",");
    groups.set(key, [...(groups.get(key) ?? []), b]);
  }
  const width = Math.max(...KEYMAP.map((b) => b.label.length)) + 2;
  return (
    <Box flexDirection="column">
      <Text bold>callgrade review · every key</Text>
      {[...groups].map(([modes, bindings]) => (
        <Box key={modes} flexDirection="column" marginTop={1}>
          <Text underline>{SECTIONS[modes] ?? modes}</Text>
          {bindings.map((b) => (
            <Text key={`${modes}:${b.label}:${b.field ?? ""}`}>
              {"  "}
              <Text bold>{b.label.padEnd(width)}</Text>
              {b.help}
              {b.field ? FIELD_NOTE[b.field] : ""}
            </Text>
          ))}
        </Box>
      ))}
      <Box flexDirection="column" marginTop={1}>
        <Text dimColor>
          Marks: › the selected row · ≠ a value that differs from the majority · ✓ your saved grade ·
          underlined words in the transcript support a model's value (the model's color).
        </Text>
        <Text dimColor>Every grade is written before "saved ✓" shows; quitting keeps them all.</Text>
      </Box>
    </Box>
  );
}
