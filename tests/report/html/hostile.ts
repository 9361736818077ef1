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
