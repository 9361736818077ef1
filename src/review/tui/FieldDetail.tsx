// The selected field in full: each model's whole answer, the gold and the grade, when the table had to cut one.
import { Box, Text } from "ink";
import { inert } from "../../core/inert.js";
import type { LabelledRow } from "./detail-rows.js";
import { LabelledRows } from "./LabelledRows.js";

export function FieldDetail({ field, rows, left }: { field: string; rows: LabelledRow[]; left: number }) {
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text dimColor wrap="truncate-end">
        {inert(field)} in full
      </Text>
      <LabelledRows rows={rows} />
      {left > 0 ? (
        <Text dimColor wrap="truncate-end">
          … {left} more rows: a taller terminal shows them
        </Text>
      ) : null}
    </Box>
  );
}
