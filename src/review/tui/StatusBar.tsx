// The last message (saved, invalid, undone) and the keys of the current mode, both from state and keymap.
import { Box, Text } from "ink";
import type { FieldKind, Mode } from "./keymap.js";
import type { Status } from "./model.js";
import { hintRows, statusRows } from "./status-rows.js";

const TONE = { ok: "green", error: "red", info: undefined } as const;

export function StatusBar({
  status,
  mode,
  field,
  width,
}: {
  status: Status | undefined;
  mode: Mode;
  field: FieldKind | undefined;
  width: number;
}) {
  // Wrapped here exactly as the screen plan counts them, one Text a row.
  const color = status ? TONE[status.tone] : undefined;
  return (
    <Box flexDirection="column" marginTop={1}>
      {statusRows(status, width).map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: wrapped rows are positional
        <Text key={`s${i}`} wrap="truncate-end" {...(color ? { color } : {})}>
          {row}
        </Text>
      ))}
      {hintRows(mode, field, width).map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: wrapped rows are positional
        <Text key={`h${i}`} dimColor wrap="truncate-end">
          {row}
        </Text>
      ))}
    </Box>
  );
}
