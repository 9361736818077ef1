// The fields in dispute: each model's value side by side, ≠ on values that differ from the majority.
import { Box, Text } from "ink";
import { inert } from "../../core/inert.js";
import type { MatchContext } from "../../core/types.js";
import type { ReviewCase } from "../types.js";
import { modelColor } from "./colors.js";
import { describeVerdict, differsFromMajority, displayValue, fieldKind } from "./view-model.js";

function Cell({
  width,
  children,
  ...style
}: {
  width: number;
  children: string;
  bold?: boolean;
  color?: string;
  dimColor?: boolean;
}) {
  return (
    <Box width={width} flexShrink={0}>
      <Text wrap="truncate-end" {...style}>
        {children}
      </Text>
    </Box>
  );
}

export function FieldTable({
  reviewCase,
  selected,
  models,
  ctx,
  width,
}: {
  reviewCase: ReviewCase;
  selected: number;
  models: string[];
  ctx: MatchContext;
  width: number;
}) {
  const hasGold = reviewCase.fields.some((f) => f.gold !== undefined);
  const nameWidth = Math.min(24, Math.max(8, ...reviewCase.fields.map((f) => f.field.length + 3)));
  const gradeWidth = 22;
  const goldWidth = hasGold ? 16 : 0;
  const modelWidth = Math.max(
    8,
    Math.floor((width - nameWidth - gradeWidth - goldWidth - 1) / Math.max(1, models.length)),
  );
  const invalid = models.flatMap((id, i) => {
    const issues = reviewCase.fields.flatMap((f) => f.answers.find((a) => a.modelId === id)?.invalid ?? []);
    return issues.length === 0 ? [] : [{ i, id, issues: [...new Set(issues)] }];
  });
  const field = reviewCase.fields[selected];
  const rubric =
    field && fieldKind(field) === "free-text"
      ? (field.rubric ?? (field.match.kind === "free-text" ? field.match.rubric : undefined))
      : undefined;
  return (
    <Box flexDirection="column" marginTop={1}>
      <Box>
        <Cell width={nameWidth} dimColor>
          field
        </Cell>
        {models.map((id, i) => (
          <Cell key={id} width={modelWidth} color={modelColor(i)} bold>
            {`${i + 1} ${inert(id)}`}
          </Cell>
        ))}
        {hasGold ? (
          <Cell width={goldWidth} dimColor>
            gold
          </Cell>
        ) : null}
        <Cell width={gradeWidth} dimColor>
          your grade
        </Cell>
      </Box>
      {reviewCase.fields.map((f, row) => {
        const differs = differsFromMajority(f, ctx);
        const current = row === selected;
        return (
          <Box key={f.itemId}>
            <Cell width={nameWidth} bold={current}>
              {`${current ? "›" : " "} ${inert(f.field)}`}
            </Cell>
            {models.map((id) => {
              const i = f.answers.findIndex((a) => a.modelId === id);
              const answer = f.answers[i];
              if (!answer)
                return (
                  <Cell key={id} width={modelWidth} dimColor>
                    {"  –"}
                  </Cell>
                );
              const mark = differs[i] ? "≠ " : "  ";
              return (
                <Cell key={id} width={modelWidth} bold={differs[i] === true}>
                  {`${mark}${displayValue(answer.value)}`}
                </Cell>
              );
            })}
            {hasGold ? (
              <Cell width={goldWidth}>{f.gold === undefined ? "" : displayValue(f.gold)}</Cell>
            ) : null}
            <Cell width={gradeWidth} color={f.grade ? "green" : undefined} dimColor={!f.grade}>
              {f.grade ? `✓ ${describeVerdict(f.grade)}` : "· open"}
            </Cell>
          </Box>
        );
      })}
      {invalid.map(({ i, id, issues }) => (
        <Text key={id} color="red" wrap="truncate-end">
          ⚠ {i + 1} {inert(id)}: invalid output: {issues.map(inert).join("; ")}
        </Text>
      ))}
      {rubric ? <Text wrap="wrap">rubric: {inert(rubric)}</Text> : null}
    </Box>
  );
}
