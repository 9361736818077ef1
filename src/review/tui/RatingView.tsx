// Rating a free-text field: one row per model answer with its score and pass/fail, the selected row marked ›.
import { Box, Text } from "ink";
import type { LabelledRow } from "./detail-rows.js";
import { LabelledRows } from "./LabelledRows.js";

/** `header` and `rows` come wrapped to the width from the screen plan, so the screen knows their height. */
export function RatingView({ header, rows }: { header: string[]; rows: LabelledRow[] }) {
  return (
    <Box flexDirection="column" marginTop={1}>
      {header.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: wrapped rows are positional
        <Text key={i} dimColor wrap="truncate-end">
          {line}
        </Text>
      ))}
      <LabelledRows rows={rows} />
    </Box>
  );
}
