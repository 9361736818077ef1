// Pins the bundled demo suite: the calls, their gold labels, the unlabelled calls' hidden truth, the prompt
// and the recorded pipeline outputs.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Appointment } from "../../schemas/appointment.js";
import { DEMO_DIR, parseCalls, parseTruth, SEED, simulate } from "../../scripts/simulate-pipelines.js";
import { agreeOnField } from "../../src/scoring/agreement.js";
import { matchContext } from "../../src/scoring/context.js";
import { fieldsFromSchema } from "../../src/scoring/fields.js";
import { isAutoScored } from "../../src/scoring/matchers/index.js";
import { getPath } from "../../src/scoring/path.js";
import { validateOutput } from "../../src/validate/index.js";

const ROOT = join(DEMO_DIR, "..", "..");
const callsText = readFileSync(join(DEMO_DIR, "calls.jsonl"), "utf8");
const lines = callsText.split("\n").filter((line) => line.trim() !== "");
const calls = parseCalls(callsText);
const truthText = readFileSync(join(DEMO_DIR, "unlabelled-truth.jsonl"), "utf8");
const truthLines = truthText.split("\n").filter((line) => line.trim() !== "");
const truth = parseTruth(truthText);
const truthById = new Map(truth.map((row) => [row.id, row.truth]));

/** Every call with the record it really says: gold for labelled calls, the hidden truth for the rest. */
const labelled = calls.map((call) => {
  const record = call.gold ?? truthById.get(call.id);
  if (record === undefined) throw new Error(`${call.id} has neither gold nor hidden truth`);
  return { ...call, record };
});

const EN_WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const JA_WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"];

/** Weekdays (0 = Sunday) named anywhere in the transcript: "Friday", "Saturdays", "金曜日", "火曜". */
function weekdaysNamed(text: string): Set<number> {
  const named = new Set<number>();
  for (const match of text.toLowerCase().matchAll(/\b(sun|mon|tues|wednes|thurs|fri|satur)days?\b/g)) {
    named.add(EN_WEEKDAYS.findIndex((day) => day.startsWith(match[1] ?? "")));
  }
  for (const match of text.matchAll(/([日月火水木金土])曜/g)) named.add(JA_WEEKDAYS.indexOf(match[1] ?? ""));
  return named;
}

describe("demo calls", () => {
  it("every row is JSON with a unique id, and there are at least 44 of them, about 60% English", () => {
    const ids = lines.map((line) => (JSON.parse(line) as { id: string }).id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(44);
    const english = ids.filter((id) => id.startsWith("en-")).length / ids.length;
    expect(english).toBeGreaterThan(0.55);
    expect(english).toBeLessThan(0.65);
  });

  it("every gold label and every hidden truth satisfies the Appointment schema, with every key present", () => {
    const records = [
      ...lines.map((line) => JSON.parse(line) as { id: string; gold?: unknown }).map((r) => [r.id, r.gold]),
      ...truthLines
        .map((line) => JSON.parse(line) as { id: string; truth: unknown })
        .map((r) => [r.id, r.truth]),
    ];
    for (const [id, record] of records) {
      if (record === undefined) continue;
      const parsed = Appointment.safeParse(record);
      expect(parsed.success, `${id}: ${parsed.error?.message}`).toBe(true);
      expect(Object.keys(record as object).sort(), String(id)).toEqual(Object.keys(Appointment.shape).sort());
    }
  });

  it("the unlabelled calls have no gold and a hidden truth, at the end of the file; every other call has gold", () => {
    const rows = lines.map((line) => JSON.parse(line) as { id: string });
    const withoutGold = rows.filter((row) => !("gold" in row)).map((row) => row.id);
    expect(withoutGold).toEqual(truth.map((row) => row.id));
    expect(new Set(truth.map((row) => row.id)).size).toBe(truth.length);
    expect(withoutGold.length).toBeGreaterThanOrEqual(8);
    expect(rows.slice(-withoutGold.length).map((row) => row.id)).toEqual(withoutGold);
    expect(rows.filter((row) => "gold" in row)).toHaveLength(48);
  });

  it("gold and hidden truth agree with the row's id prefix and meta", () => {
    for (const call of labelled) {
      expect(call.record.language, call.id).toBe(call.id.slice(0, 2));
      expect(call.record.business, call.id).toBe(call.meta.business);
      expect(call.meta.callDate, call.id).toMatch(/^2026-03-2\d$/);
    }
  });

  it("a booking date falls on a weekday the transcript names, where it names any", () => {
    for (const call of labelled) {
      if (call.record.date === null) continue;
      const named = weekdaysNamed(call.transcript.map((turn) => turn.text).join("\n"));
      if (named.size === 0) continue;
      const weekday = new Date(`${call.record.date}T00:00:00Z`).getUTCDay();
      expect([...named], `${call.id}: ${call.record.date}`).toContain(weekday);
    }
  });

  it("no booking date lies before the call", () => {
    for (const call of labelled) {
      if (call.record.date !== null) expect(call.record.date >= call.meta.callDate, call.id).toBe(true);
    }
  });

  it("every service code is listed in its business's knowledge base", () => {
    const kb = {
      clinic: readFileSync(join(ROOT, "prompts", "kb", "clinic.md"), "utf8"),
      restaurant: readFileSync(join(ROOT, "prompts", "kb", "restaurant.md"), "utf8"),
    };
    for (const call of labelled) {
      if (call.record.service_code === null) continue;
      expect(kb[call.record.business], call.id).toContain(`- \`${call.record.service_code}\`: `);
    }
  });
});

describe("demo prompt", () => {
  it("puts the stable placeholders before the per-call ones, and delimits the transcript", () => {
    const prompt = readFileSync(join(ROOT, "prompts", "extract-appointment.md"), "utf8");
    const at = (placeholder: string) => prompt.indexOf(placeholder);
    for (const placeholder of ["{{schema}}", "{{knowledge_base}}", "{{meta.callDate}}", "{{transcript}}"]) {
      expect(at(placeholder), placeholder).toBeGreaterThan(-1);
    }
    expect(at("{{knowledge_base}}")).toBeLessThan(at("{{meta.callDate}}"));
    expect(at("{{schema}}")).toBeLessThan(at("{{meta.callDate}}"));
    expect(prompt).toContain("<transcript>\n{{transcript}}\n</transcript>");
  });
});

describe("recorded pipelines", () => {
  const pipelines = simulate(calls, truth, SEED);

  it("re-running the simulation reproduces the committed files byte for byte", () => {
    expect(pipelines.map((p) => p.name)).toEqual(["prod-v1", "prod-v2"]);
    for (const pipeline of pipelines) {
      const recorded = readFileSync(join(DEMO_DIR, "recorded", `${pipeline.name}.jsonl`), "utf8");
      expect(pipeline.jsonl === recorded, `${pipeline.name} is stale: run npm run demo:record`).toBe(true);
    }
  });

  it("each recorded file has one row per call, in order", () => {
    for (const pipeline of pipelines) {
      const ids = pipeline.jsonl
        .trim()
        .split("\n")
        .map((line) => (JSON.parse(line) as { id: string }).id);
      expect(ids).toEqual(calls.map((call) => call.id));
    }
  });

  it("v2 carries no more injected errors than v1, of any kind, and fewer in all", () => {
    const [v1, v2] = pipelines;
    if (v1 === undefined || v2 === undefined) throw new Error("expected two pipelines");
    let total1 = 0;
    let total2 = 0;
    for (const [kind, ids] of Object.entries(v1.injected)) {
      const inV2 = v2.injected[kind]?.length ?? 0;
      expect(inV2, kind).toBeLessThanOrEqual(ids.length);
      total1 += ids.length;
      total2 += inV2;
    }
    expect(total2).toBeLessThan(total1);
  });

  it("the two versions disagree on an auto-scored field on at least 6 unlabelled calls", () => {
    const [v1, v2] = pipelines.map(
      (pipeline) =>
        new Map(
          pipeline.jsonl
            .trim()
            .split("\n")
            .map((line) => JSON.parse(line) as { id: string; output: unknown })
            .map((row) => [row.id, typeof row.output === "string" ? row.output : JSON.stringify(row.output)]),
        ),
    );
    const fields = fieldsFromSchema(Appointment).filter((field) => isAutoScored(field.match));
    const settings = { phoneRegion: "US", referenceDateKey: "callDate", phoneRegionKey: "phoneRegion" };
    const disagreeing = calls
      .filter((call) => call.gold === undefined)
      .filter((call) => {
        const outputs = [v1, v2].map((byId) => validateOutput(byId?.get(call.id) ?? "", Appointment));
        const ctx = matchContext(settings, { meta: call.meta });
        return fields.some((field) => {
          const values = outputs.map((output, i) => ({
            modelId: `v${i + 1}`,
            valid: output.ok,
            value: output.ok ? getPath(output.value, field.name) : undefined,
          }));
          return !agreeOnField(field, values, ctx).agreed;
        });
      })
      .map((call) => call.id);
    expect(disagreeing.length, disagreeing.join(", ")).toBeGreaterThanOrEqual(6);
  });
});
