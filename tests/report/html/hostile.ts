// Data written by an attacker: every string that reaches report.html tries to run script or inject markup.
import type { ReportData } from "../../../src/summary/report-data-types.js";
import { sampleReport } from "./fixture.js";

const PWN = `document.title='pwned';document.body.appendChild(Object.assign(document.createElement('p'),{id:'pwned'}))`;

export const PAYLOADS = {
  script: `<script>${PWN}</script>`,
  img: `<img src=x onerror="${PWN}">`,
  svg: `"><svg onload="${PWN}">`,
  closeJson: `</script><script>${PWN}</script><!--`,
  attribute: `' onmouseover='${PWN}' x='`,
  style: `<style>body{display:none}</style>`,
  separators: "line\u2028separator\u2029paragraph",
  bidi: "safe\u202Egpj.exe",
};

export function hostileReport(): ReportData {
  const ids = ["gpt-4.1-mini", `claude${PAYLOADS.img}`, "gpt-4.1-nano", `llama${PAYLOADS.svg}`];
  const data = sampleReport(ids);
  data.summary.suite = `support ${PAYLOADS.script}`;
  data.summary.runId = `run-${PAYLOADS.attribute}`;
  data.summary.hashes.prompt = PAYLOADS.closeJson;
  data.summary.skippedModels = [{ id: `mistral${PAYLOADS.script}`, reason: PAYLOADS.img }];
  const mini = data.summary.models[0];
  if (mini) {
    const phone = mini.fields.phone;
    if (phone) mini.fields[`notes${PAYLOADS.svg}`] = { ...phone };
  }
  data.summary.agreement[`notes${PAYLOADS.svg}`] = { rate: 0.5, n: 10 };
  // A provider's error message and an enum value a model made up are untrusted text as well.
  const claude = data.summary.models[1];
  if (claude)
    claude.failures = [
      { kind: `bad_request${PAYLOADS.attribute}`, count: 2, messages: [PAYLOADS.script, PAYLOADS.closeJson] },
      { kind: "timeout", count: 1, messages: [`${PAYLOADS.img} ${PAYLOADS.bidi}`] },
    ];
  if (mini)
    mini.confusion = {
      [`intent${PAYLOADS.svg}`]: {
        rows: ["book", PAYLOADS.script, "(missing)"],
        columns: ["book", PAYLOADS.script, PAYLOADS.attribute, "(missing)", "(invalid)"],
        counts: [
          [5, 1, 0, 0, 1],
          [0, 3, 2, 0, 0],
          [1, 0, 0, 2, 0],
        ],
        n: 15,
      },
    };
  // Meta values come straight from the dataset: a slice key and its values are untrusted text too.
  const sliced = { fieldAccuracy: 0.5, ci95: [0.2, 0.8] as [number, number], stdError: 0.15, n: 4 };
  const field = { accuracy: 0.5, ci95: [0.2, 0.8] as [number, number], n: 4, correct: 2 };
  data.summary.slices = {
    [`language${PAYLOADS.attribute}`]: {
      [PAYLOADS.script]: {
        cases: 4,
        models: { [ids[1] ?? ""]: { ...sliced, fields: { [PAYLOADS.img]: field } } },
      },
      [PAYLOADS.closeJson]: { cases: 2, models: { [ids[0] ?? ""]: { ...sliced, fields: { phone: field } } } },
    },
  };
  // A judge's id and a judged field's name are the user's: escaped like every other.
  const estimate = { estimate: 0.7, lower: 0.6, upper: 0.8 };
  data.summary.judge = {
    judgeId: `judge${PAYLOADS.script}`,
    calls: 10,
    costUsd: null,
    // Judged on the cases without gold: its label carries the hostile name too.
    withoutGold: [`notes${PAYLOADS.img}`],
    fields: {
      [`notes${PAYLOADS.img}`]: {
        [ids[0] ?? ""]: {
          N: 10,
          n: 4,
          estimate: { ...estimate, standardError: 0.05, effectiveHumanGrades: 8, lambda: 0.5 },
          judgeOnly: estimate,
          humanOnly: estimate,
          calibration: {
            n: 4,
            kappa: 0.5,
            judgePassRate: 0.75,
            humanPassRate: 0.5,
            confusion: { bothPass: 2, judgeOnlyPass: 1, humanOnlyPass: 0, bothFail: 1 },
          },
          gradesForTenPoints: 30,
        },
      },
    },
  };
  data.schemaFailures[ids[2] ?? ""] = { [`phone: ${PAYLOADS.img}`]: 3, [PAYLOADS.closeJson]: 1 };
  const [first, second, third] = data.disagreements;
  if (first) {
    first.transcript = [
      { speaker: `agent${PAYLOADS.attribute}`, text: `Hello ${PAYLOADS.script}`, start: 0 },
      {
        speaker: "caller",
        text: `${PAYLOADS.img} and ${PAYLOADS.svg} ${PAYLOADS.separators} ${PAYLOADS.bidi}`,
        start: 4,
      },
    ];
    first.values = {
      ...first.values,
      [ids[0] ?? ""]: PAYLOADS.closeJson,
      [ids[1] ?? ""]: { nested: PAYLOADS.img },
    };
    first.gold = PAYLOADS.style;
  }
  if (second) {
    second.transcript = `Caller: ${PAYLOADS.closeJson}\nAgent: ${PAYLOADS.style}`;
    second.field = `phone${PAYLOADS.attribute}`;
    second.caseId = `case${PAYLOADS.svg}`;
  }
  if (third)
    third.values = {
      ...third.values,
      [ids[3] ?? ""]: { invalid: [PAYLOADS.img, { path: "x", message: PAYLOADS.script }] },
    };
  // A reviewer's note is text anyone with the store typed, and so is a reviewer's name: both untrusted.
  data.summary.review.notes = {
    total: 1,
    shown: [
      {
        caseId: `case${PAYLOADS.svg}`,
        field: PAYLOADS.attribute,
        reviewer: `eve${PAYLOADS.img}`,
        text: `${PAYLOADS.script} ${PAYLOADS.closeJson} ${PAYLOADS.style} ${PAYLOADS.bidi}`,
        at: "2025-06-01T15:00:00.000Z",
      },
    ],
  };
  if (second)
    second.human = {
      verdict: "value",
      value: PAYLOADS.img,
      reviewers: [`mallory${PAYLOADS.attribute}`],
      matches: {},
    };
  if (third) third.human = { verdict: "contested", reviewers: [PAYLOADS.script, "bob"] };
  const check = data.gate?.checks[1];
  if (check) {
    check.message = `dropped ${PAYLOADS.script}`;
    check.field = PAYLOADS.attribute;
    check.flips?.rightToWrong.push({
      caseId: PAYLOADS.svg,
      baseline: PAYLOADS.img,
      candidate: { v: PAYLOADS.closeJson },
    });
  }
  return data;
}
