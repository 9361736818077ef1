// The transcript window: speaker labels, and the words supporting each model's value underlined in its color.
import { Box, Text } from "ink";
import { inert } from "../../core/inert.js";
import type { ReviewField } from "../types.js";
import { modelColor } from "./colors.js";
import { paint, supportSpans } from "./highlight.js";
import type { TranscriptLine } from "./view-model.js";

export function TranscriptView({
  lines,
  scroll,
  rows,
  field,
  models,
}: {
  lines: TranscriptLine[];
  scroll: number;
  rows: number;
  field: ReviewField | undefined;
  models: string[];
}) {
  const shown = lines.slice(scroll, scroll + rows);
  const last = Math.min(lines.length, scroll + shown.length);
  const answers = models.map((id) => field?.answers.find((a) => a.modelId === id));
  return (
    <Box flexDirection="column">
      <Text dimColor>
        transcript · lines {lines.length === 0 ? 0 : scroll + 1}–{last} of {lines.length}
        {field ? ` · underlined: words behind each model's ${inert(field.field)}` : ""}
      </Text>
      {/* A full window is clipped to its rows, since a long turn wraps over several. */}
      <Box flexDirection="column" height={shown.length < rows ? undefined : rows} overflowY="hidden">
        {shown.map((line, i) => {
          const layers = answers.map((a) =>
            a && field ? supportSpans(line.text, a.value, field.match) : [],
          );
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their position
            <Text key={scroll + i}>
              {line.speaker === undefined ? null : <Text bold>{line.speaker}: </Text>}
              {paint(line.text, layers).map((segment, k) => {
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
          );
        })}
      </Box>
    </Box>
  );
}
