// Every key, drawn from the keymap table itself so the help can never disagree with what the keys do.
import { Box, Text } from "ink";
import { helpRows, helpWindow } from "./help-rows.js";

/** A window of the help rows from `scroll`: on a short terminal j/k scroll it, so no key is out of reach. */
export function HelpScreen({ scroll, width, rows }: { scroll: number; width: number; rows: number }) {
  const all = helpRows(width);
  const window = helpWindow(rows);
  const shown = all.map((row, n) => ({ row, n })).slice(scroll, scroll + window);
  const footer =
    all.length > window
      ? `help · rows ${scroll + 1}–${scroll + shown.length} of ${all.length} · j/k, PgUp/PgDn scroll · any other key goes back`
      : "any key goes back";
  return (
    <Box flexDirection="column">
      {shown.map(({ row, n }) => (
        <Text key={n} wrap="truncate-end" bold={row.kind === "title"} underline={row.kind === "section"}>
          {row.label === undefined ? null : <Text bold>{row.label}</Text>}
          <Text dimColor={row.kind === "note"}>{row.text}</Text>
        </Text>
      ))}
      <Text dimColor wrap="truncate-end">
        {footer}
      </Text>
    </Box>
  );
}
