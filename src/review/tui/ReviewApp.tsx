// The review screen: wires the session to the reducer (useReview) and lays the views out. Draws only.
import { Box, Text } from "ink";
import { useMemo } from "react";
import { inert } from "../../core/inert.js";
import type { ReviewSession } from "../types.js";
import { FieldDetail } from "./FieldDetail.js";
import { FieldTable } from "./FieldTable.js";
import { HelpScreen } from "./HelpScreen.js";
import { KnowledgeExcerpt } from "./KnowledgeExcerpt.js";
import { relevantExcerpt } from "./kb-excerpt.js";
import { LineEditor } from "./LineEditor.js";
import { KB_LINES, planScreen } from "./layout.js";
import type { ReviewConfig } from "./model.js";
import { ProgressLine } from "./ProgressLine.js";
import { RatingView } from "./RatingView.js";
import { StatusBar } from "./StatusBar.js";
import { DEFAULT_CONFIG } from "./state.js";
import { TranscriptView } from "./TranscriptView.js";
import { useReview } from "./use-review.js";
import { describeType } from "./validate.js";
import { fieldKind, transcriptLines, transcriptText } from "./view-model.js";

export interface ReviewAppProps {
  session: ReviewSession;
  config?: Partial<ReviewConfig>;
}

export function ReviewApp({ session, config }: ReviewAppProps) {
  const merged = useMemo(() => ({ ...DEFAULT_CONFIG, ...config }), [config]);
  const state = useReview(session, merged);
  const width = state.terminalColumns;
  const reviewCase = state.case;
  const field = reviewCase?.fields[state.field];
  const lines = useMemo(() => (reviewCase ? transcriptLines(reviewCase.transcript) : []), [reviewCase]);
  // Scoring a large knowledge base on every key press would cost the redraw; only a new field re-scores.
  const excerpt = useMemo(
    () =>
      state.showKb && reviewCase && field
        ? relevantExcerpt(session.knowledgeBase, field, transcriptText(reviewCase.transcript), KB_LINES)
        : [],
    [state.showKb, reviewCase, field, session.knowledgeBase],
  );

  if (state.mode === "help")
    return <HelpScreen scroll={state.helpScroll} width={width} rows={state.terminalRows} />;
  if (state.loading) {
    return (
      <Box flexDirection="column">
        <Text dimColor>opening the review queue…</Text>
        <StatusBar status={state.status} mode={state.mode} field={undefined} width={width} />
      </Box>
    );
  }
  if (!reviewCase) {
    return (
      <Box flexDirection="column">
        <ProgressLine progress={state.progress} reviewer={session.reviewer} />
        <Text color="green">
          No more review items for {inert(session.reviewer)} in this session. Every grade shown as saved is
          stored.
        </Text>
        <StatusBar status={state.status} mode={state.mode} field={undefined} width={width} />
      </Box>
    );
  }

  const plan = planScreen(state);
  if (!plan) return null;
  const textMode = state.mode === "edit" || state.mode === "gold-edit" || state.mode === "note";
  return (
    <Box flexDirection="column">
      {/* One row, whatever it says: the screen plan counts it as one. */}
      <Box height={1} overflow="hidden">
        <ProgressLine progress={state.progress} reviewer={session.reviewer} caseId={reviewCase.caseId} />
      </Box>
      <TranscriptView
        lines={lines}
        rows={plan.transcript}
        scroll={plan.scroll}
        window={plan.window}
        field={field}
        models={plan.models}
      />
      <FieldTable plan={plan} total={reviewCase.fields.length} />
      {plan.detail.length > 0 && field ? (
        <FieldDetail field={field.field} rows={plan.detail} left={plan.detailLeft} />
      ) : null}
      {state.showKb && field ? (
        <KnowledgeExcerpt
          lines={excerpt}
          field={field.field}
          hasKnowledgeBase={session.knowledgeBase.trim() !== ""}
        />
      ) : null}
      {textMode && field ? (
        <LineEditor
          mode={state.mode === "edit" ? "edit" : state.mode === "gold-edit" ? "gold-edit" : "note"}
          editor={state.editor}
          field={field.field}
          hint={state.mode === "note" ? "any text" : describeType(field.match)}
          width={width}
        />
      ) : null}
      {state.mode === "rate" && field ? <RatingView header={plan.ratingHeader} rows={plan.rating} /> : null}
      <StatusBar status={state.status} mode={state.mode} field={fieldKind(field)} width={width} />
    </Box>
  );
}
