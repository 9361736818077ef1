// Rows of a label column and wrapped text beside it: the detail of a field and the rating rows draw with it.
import { Text } from "ink";
import { modelColor } from "./colors.js";
import type { LabelledRow } from "./detail-rows.js";

export function LabelledRows({ rows }: { rows: LabelledRow[] }) {
  return (
    <>
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: wrapped rows are positional
        <Text key={i} wrap="truncate-end" bold={row.selected === true}>
          <Text {...(row.model === undefined ? { dimColor: true } : { color: modelColor(row.model) })}>
            {row.label}
          </Text>
          {row.text}
        </Text>
      ))}
    </>
  );
}
