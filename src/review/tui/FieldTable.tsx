// The fields in dispute: each model's value side by side, ≠ on values that differ from the majority.
import { Box, Text } from "ink";
import { inert } from "../../core/inert.js";
import { modelColor } from "./colors.js";
import type { ScreenPlan } from "./layout.js";
import { type Cell, GAP } from "./table-layout.js";

const SPACE = " ".repeat(GAP);

function Row({ cells }: { cells: Cell[] }) {
  // Every cell is cut and padded to its column already: the gaps keep neighbours apart.
  return (
    <Text wrap="truncate-end">
      {cells.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
        <Text key={i}>
          {i === 0 ? "" : SPACE}
          <Text
            bold={c.bold === true}
            dimColor={c.dim === true}
            {...(c.model === undefined ? {} : { color: modelColor(c.model) })}
            {...(c.graded ? { color: "green" } : {})}
          >
            {c.text}
          </Text>
        </Text>
      ))}
    </Text>
  );
}

export function FieldTable({ plan, total }: { plan: ScreenPlan; total: number }) {
  const { table, fields, invalid, rubric } = plan;
  const above = fields.start;
  const below = total - fields.end;
  return (
    <Box flexDirection="column" marginTop={1}>
      <Row cells={table.header} />
      {table.rows.slice(fields.start, fields.end).map((cells, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one row per field, in a fixed order
        <Row key={fields.start + i} cells={cells} />
      ))}
      {above + below > 0 ? (
        <Text dimColor wrap="truncate-end">
          {`  ↑ ${above} more · ↓ ${below} more fields (↑/↓ moves)`}
        </Text>
      ) : null}
      {invalid.map(({ model, id, issues }) => (
        <Text key={id} color="red" wrap="truncate-end">
          ⚠ {model + 1} {inert(id)}: invalid output: {issues.map(inert).join("; ")}
        </Text>
      ))}
      {rubric.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: wrapped rows are positional
        <Text key={i} wrap="truncate-end">
          {row}
        </Text>
      ))}
    </Box>
  );
}
