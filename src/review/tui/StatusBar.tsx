// The last message (saved, invalid, undone) and the keys of the current mode, both from state and keymap.
import { Box, Text } from "ink";
import { inert } from "../../core/inert.js";
import { bindingsFor, type FieldKind, type Mode } from "./keymap.js";
import type { Status } from "./model.js";

const TONE = { ok: "green", error: "red", info: undefined } as const;

export function StatusBar({
  status,
  mode,
  field,
}: {
  status: Status | undefined;
  mode: Mode;
  field: FieldKind | undefined;
}) {
  const hints = bindingsFor(mode, field).filter((b) => b.hint !== undefined);
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text color={status ? TONE[status.tone] : undefined} wrap="wrap">
        {/* Messages quote field names and session errors: untrusted too. */}
        {status ? `${status.tone === "error" ? "✗ " : ""}${inert(status.text)}` : " "}
      </Text>
      <Text dimColor wrap="wrap">
        {hints.map((b) => `${b.label} ${b.hint}`).join(" · ")}
      </Text>
    </Box>
  );
}
