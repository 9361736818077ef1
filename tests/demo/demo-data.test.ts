// Pins the bundled demo suite: the calls, their gold labels, the prompt and the recorded pipeline outputs.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Appointment } from "../../schemas/appointment.js";
import { DEMO_DIR, parseCalls, SEED, simulate } from "../../scripts/simulate-pipelines.js";

const ROOT = join(DEMO_DIR, "..", "..");
const callsText = readFileSync(join(DEMO_DIR, "calls.jsonl"), "utf8");
const lines = callsText.split("\n").filter((line) => line.trim() !== "");
const calls = parseCalls(callsText);

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

  it("every gold label satisfies the Appointment schema, with every key present", () => {
    for (const line of lines) {
      const row = JSON.parse(line) as { id: string; gold: unknown };
      const parsed = Appointment.safeParse(row.gold);
      expect(parsed.success, `${row.id}: ${parsed.error?.message}`).toBe(true);
      expect(Object.keys(row.gold as object).sort()).toEqual(Object.keys(Appointment.shape).sort());
    }
  });

  it("gold agrees with the row's id prefix and meta", () => {
    for (const call of calls) {
      expect(call.gold.language, call.id).toBe(call.id.slice(0, 2));
      expect(call.gold.business, call.id).toBe(call.meta.business);
      expect(call.meta.callDate, call.id).toMatch(/^2026-03-2\d$/);
    }
  });

  it("a gold date falls on a weekday the transcript names, where it names any", () => {
    for (const call of calls) {
      if (call.gold.date === null) continue;
      const named = weekdaysNamed(call.transcript.map((turn) => turn.text).join("\n"));
      if (named.size === 0) continue;
      const weekday = new Date(`${call.gold.date}T00:00:00Z`).getUTCDay();
      expect([...named], `${call.id}: ${call.gold.date}`).toContain(weekday);
    }
  });

  it("no booking date lies before the call", () => {
    for (const call of calls) {
      if (call.gold.date !== null) expect(call.gold.date >= call.meta.callDate, call.id).toBe(true);
    }
  });

  it("every gold service code is listed in its business's knowledge base", () => {
    const kb = {
      clinic: readFileSync(join(ROOT, "prompts", "kb", "clinic.md"), "utf8"),
      restaurant: readFileSync(join(ROOT, "prompts", "kb", "restaurant.md"), "utf8"),
    };
    for (const call of calls) {
      if (call.gold.service_code === null) continue;
      expect(kb[call.gold.business], call.id).toContain(`- \`${call.gold.service_code}\`: `);
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
  const pipelines = simulate(calls, SEED);

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
});
