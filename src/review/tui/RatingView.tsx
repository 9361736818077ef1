// Rating a free-text field: one row per model answer with its score and pass/fail, the selected row marked ›.
import { Box, Text } from "ink";
import { inert } from "../../core/inert.js";
import type { ReviewField } from "../types.js";
import { modelColor } from "./colors.js";
import type { RatingDraft } from "./model.js";
import { passes } from "./rating.js";
import { displayValue } from "./view-model.js";

export function RatingView({
  field,
  models,
  drafts,
  row,
  passRating,
}: {
  field: ReviewField;
  models: string[];
  drafts: RatingDraft[];
  row: number;
  passRating: number;
}) {
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text dimColor>
        rate each answer 1..5 (pass from {passRating}; p/f overrides) · Enter saves · Esc cancels
      </Text>
      {field.answers.map((answer, i) => {
        const draft = drafts[i] ?? {};
        const pass = passes(draft, passRating);
        const verdict = pass === undefined ? "     " : pass ? "pass" : "fail";
        const column = models.indexOf(answer.modelId);
        return (
          <Text key={answer.modelId} wrap="wrap" bold={i === row}>
            {i === row ? "›" : " "} [{draft.score ?? "·"}/5 {verdict}
            {draft.pass === undefined ? "" : "!"}]{" "}
            <Text color={modelColor(column)}>
              {column + 1} {inert(answer.modelId)}
            </Text>
            : {displayValue(answer.value)}
          </Text>
        );
      })}
    </Box>
  );
}
