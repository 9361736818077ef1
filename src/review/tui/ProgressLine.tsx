// Where the reviewer is: item n of N, grades today, pace, and who is grading.
import { Text } from "ink";
import { inert } from "../../core/inert.js";
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
  return (
    <Text>
      <Text bold>
        item {progress?.position ?? "–"} of {progress?.total ?? "–"}
      </Text>
      <Text dimColor>
        {" "}
        · {progress?.gradedToday ?? 0} graded today · {pace}/h · {inert(reviewer)}
        {caseId === undefined ? "" : ` · case ${inert(caseId)}`}
      </Text>
    </Text>
  );
}
