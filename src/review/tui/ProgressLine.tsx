// Where the reviewer is, in review items (the unit the run and the reports count): item n of N, grades today,
// pace, and who is grading. With no case on screen it says what is graded and what is left instead.
import { Text } from "ink";
import { inert } from "../../core/inert.js";
import { gradedLine, positionLine } from "../../summary/review-wording.js";
import type { ReviewProgress } from "../types.js";

export function ProgressLine({
  progress,
  reviewer,
  caseId,
}: {
  progress: ReviewProgress | undefined;
  reviewer: string;
  caseId?: string;
}) {
  const pace = progress?.perHour == null ? "–" : String(Math.round(progress.perHour));
  const where =
    progress === undefined
      ? "review item – of –"
      : caseId === undefined
        ? gradedLine(progress)
        : positionLine(progress.position, progress.total, progress.byOthers);
  return (
    <Text>
      <Text bold>{where}</Text>
      <Text dimColor>
        {" "}
        · {progress?.gradedToday ?? 0} graded today · {pace}/h · {inert(reviewer)}
        {caseId === undefined ? "" : ` · case ${inert(caseId)}`}
      </Text>
    </Text>
  );
}
