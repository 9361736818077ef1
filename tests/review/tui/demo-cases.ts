// Review cases built from the example suite's calls en-001 (English) and ja-021 (Japanese), with long answers.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ReviewCase } from "../../../src/review/types.js";
import { ROOT } from "../../helpers/cli.js";

export interface DemoTurn {
  speaker: string;
  text: string;
}

export function demoTranscript(id: string): DemoTurn[] {
  const rows = readFileSync(path.join(ROOT, "datasets/demo/calls.jsonl"), "utf8").trim().split("\n");
  const row = rows
    .map((line) => JSON.parse(line) as { id: string; transcript: DemoTurn[] })
    .find((r) => r.id === id);
  if (!row) throw new Error(`no case ${id} in the example suite`);
  return row.transcript;
}

/** Answers far wider than any table column, in English and in Japanese (two columns a character). */
export const LONG_NOTES = {
  en: "Per the caller, a dry cough for about a week that is not going away; existing patient of Dr. Ames, prefers Wednesday morning, and asked to be called back at the same number if the slot moves.",
  ja: "お子様用の椅子をひとつ用意してほしいとのこと。大人3人と子ども1人の合計4名、3月29日日曜日の12時半にランチで来店予定。",
};

export function demoCase(id: "en-001" | "ja-021", itemId = 1): ReviewCase {
  const ja = id === "ja-021";
  return {
    runId: "run-demo",
    caseId: id,
    overlap: false,
    meta: { callDate: ja ? "2026-03-25" : "2026-03-23" },
    transcript: demoTranscript(id),
    fields: [
      {
        itemId,
        field: "phone",
        reason: "disagreement",
        match: { kind: "phone" },
        answers: [
          { modelId: "prod-v1", value: ja ? "090-2345-7689" : "(212) 555-0198" },
          { modelId: "prod-v2", value: ja ? "+81 90-2345-6789" : "212-555-0189" },
        ],
      },
      {
        itemId: itemId + 1,
        field: "notes",
        reason: "free-text",
        match: { kind: "free-text" },
        rubric: "Summarises special requests faithfully, adds nothing the caller did not say.",
        ...(ja ? {} : { gold: "Cough for about a week." }),
        answers: [
          { modelId: "prod-v1", value: ja ? LONG_NOTES.ja : "Per the caller, cough for about a week." },
          {
            modelId: "prod-v2",
            value: ja ? "Per the caller, needs a high chair for a child." : LONG_NOTES.en,
          },
        ],
      },
    ],
  };
}
