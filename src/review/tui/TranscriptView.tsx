// The transcript window: speaker labels, and the words supporting each model's value underlined in its color.
import { Box, Text } from "ink";
import { inert } from "../../core/inert.js";
import type { ReviewField } from "../types.js";
import { modelColor } from "./colors.js";
import { paint, type Segment, supportSpans } from "./highlight.js";
import { clipSegments, type TranscriptRow } from "./transcript-rows.js";
import type { TranscriptLine } from "./view-model.js";

export function TranscriptView({
  lines,
  rows,
  scroll,
  window,
  field,
  models,
}: {
  lines: TranscriptLine[];
  /** Every row of the transcript, wrapped to the width. */
  rows: TranscriptRow[];
  scroll: number;
  window: number;
  field: ReviewField | undefined;
  models: string[];
}) {
  const shown = rows.slice(scroll, scroll + window);
  const answers = models.map((id) => field?.answers.find((a) => a.modelId === id));
  const painted = new Map<number, Segment[]>();
  const segmentsOf = (index: number): Segment[] => {
    const known = painted.get(index);
    if (known) return known;
    const text = lines[index]?.text ?? "";
    const layers = answers.map((a) => (a && field ? supportSpans(text, a.value, field.match) : []));
    const segments = paint(text, layers);
    painted.set(index, segments);
    return segments;
  };
  const firstLine = (shown[0]?.line ?? -1) + 1;
  const lastLine = (shown.at(-1)?.line ?? -1) + 1;
  // Says which way more rows are, so a reviewer (and a test) knows when the whole call has been seen.
  const hidden = [scroll > 0 ? "↑ k" : "", scroll + window < rows.length ? "↓ j" : ""].filter(Boolean);
  const more = hidden.length === 0 ? "" : ` · more: ${hidden.join(" ")}`;
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate-end">
        transcript · lines {firstLine}–{lastLine} of {lines.length}
        {more}
        {field ? ` · underlined: words behind each model's ${inert(field.field)}` : ""}
      </Text>
      {shown.map((row) => (
        <Text key={`${row.line}:${row.start}`} wrap="truncate-end">
          {row.label === "" ? null : (
            <Text bold={row.first} dimColor={!row.first}>
              {row.label}
            </Text>
          )}
          {clipSegments(segmentsOf(row.line), row.start, row.end).map((segment, k) => {
            const model = segment.models[0];
            if (model === undefined) return segment.text;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional
              <Text key={k} color={modelColor(model)} underline bold>
                {segment.text}
              </Text>
            );
          })}
        </Text>
      ))}
    </Box>
  );
}
