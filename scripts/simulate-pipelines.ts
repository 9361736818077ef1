// Writes datasets/demo/recorded/prod-v{1,2}.jsonl: outputs of two SIMULATED pipeline versions, made
// from the gold labels with seeded, documented error injection, so `npm start` has something to replay.
//
// Error injection. For each kind, round(rate × applicable rows) rows are picked by a seeded shuffle,
// so the realised counts are fixed (see datasets/demo/recorded/README.md). Kinds can hit the same row.
//
// | kind          | what it does                                               | applies to        | v1   | v2    |
// |---------------|------------------------------------------------------------|-------------------|------|-------|
// | phone         | one digit dropped, or two adjacent digits swapped          | phone not null    | 10%  | 5%    |
// | date          | off by one day, or a week off (wrong "next <weekday>")     | date not null     | 12%  | 6%    |
// | time          | 12h/24h mix-up: "17:30" → "05:30", "09:30" → "21:30"       | time not null     | 8%   | 4%    |
// | service_code  | a neighbouring code (GP-15 ↔ GP-30, DIN-STD ↔ DIN-PRIV, …)  | code not null     | 5%   | 2.5%  |
// | party_size    | one more or one fewer person                               | size not null     | 4%   | 2%    |
// | notes_added   | notes gain a sentence the caller never said                | date not null     | 5%   | 2.5%  |
// | wrapped       | prose + ```json fences around the JSON (still extractable)  | all rows          | 3%   | 1.5%  |
// | invalid       | truncated JSON text, a required key missing, or a wrong enum | all rows         | 4%   | 2%    |
//
// Invalid rows break in the profile's `invalidShapes` order: v1 truncated then missing key, v2 wrong enum.
// Not errors, so that normalisation is exercised: phone numbers in other valid formats
// ("+12125550198", "212-555-0198", "+81 90-1234-5678") on 30% of rows, JSON returned as raw text on
// 10%, and notes paraphrased (every note in v1, about half in v2). Latency is lognormal (median 800 ms in v1,
// 650 ms in v2); v2 also hits the provider's prompt cache for the stable prefix.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { z } from "zod";
import { Appointment, type AppointmentRecord } from "../schemas/appointment.js";

export const SEED = 20260320;

// "invalid" is drawn before "wrapped", which picks among the rows left valid.
const ERROR_KINDS = [
  "phone",
  "date",
  "time",
  "service_code",
  "party_size",
  "notes_added",
  "invalid",
  "wrapped",
] as const;
type ErrorKind = (typeof ERROR_KINDS)[number];
type InvalidShape = "missing_key" | "wrong_enum" | "truncated";

/** Share of the applicable rows each kind hits: [prod-v1, prod-v2]. */
const RATES: Record<ErrorKind, readonly [number, number]> = {
  phone: [0.1, 0.05],
  date: [0.12, 0.06],
  time: [0.08, 0.04],
  service_code: [0.05, 0.025],
  party_size: [0.04, 0.02],
  notes_added: [0.05, 0.025],
  invalid: [0.04, 0.02],
  wrapped: [0.03, 0.015],
};

interface Profile {
  name: string;
  /** Which column of RATES; also offsets the seed. */
  column: 0 | 1;
  latencyMedianMs: number;
  paraphraseShare: number;
  promptCache: boolean;
  /** How the invalid rows break, in dataset order, cycling, so every shape shows up in the demo. */
  invalidShapes: InvalidShape[];
}

export const PROFILES: Profile[] = [
  {
    name: "prod-v1",
    column: 0,
    latencyMedianMs: 800,
    paraphraseShare: 1,
    promptCache: false,
    invalidShapes: ["truncated", "missing_key"],
  },
  {
    name: "prod-v2",
    column: 1,
    latencyMedianMs: 650,
    paraphraseShare: 0.5,
    promptCache: true,
    invalidShapes: ["wrong_enum"],
  },
];

/** Tokens of the stable prefix (instructions, JSON Schema, both knowledge bases); v2 caches whole 128-token blocks. */
const STABLE_PROMPT_TOKENS = 2410;

export const DemoCall = z.object({
  id: z.string().min(1),
  transcript: z.array(z.object({ speaker: z.enum(["agent", "caller"]), text: z.string().min(1) })),
  gold: Appointment,
  meta: z.object({
    callDate: z.iso.date(),
    business: z.enum(["clinic", "restaurant"]),
    channel: z.literal("phone"),
    phoneRegion: z.enum(["US", "JP"]),
  }),
});
export type DemoCall = z.infer<typeof DemoCall>;

export function parseCalls(jsonl: string): DemoCall[] {
  return jsonl
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => DemoCall.parse(JSON.parse(line)));
}

export interface RecordedRow {
  id: string;
  output: Record<string, unknown> | string;
  latencyMs: number;
  usage: { inputTokens: number; outputTokens: number; cachedInputTokens: number };
}

export interface SimulatedPipeline {
  name: string;
  jsonl: string;
  /** Case ids per injected error kind, for the README and for tests. */
  injected: Record<string, string[]>;
}

/** mulberry32: small, fast, good enough for test data, and identical on every platform. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

function sample<T>(rand: () => number, items: readonly T[], count: number): Set<T> {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return new Set(copy.slice(0, count));
}

const NEIGHBOUR_CODE: Record<string, string> = {
  "GP-15": "GP-30",
  "GP-30": "GP-15",
  "PHYS-ANNUAL": "GP-30",
  "LAB-BLOOD": "GP-15",
  "VAX-FLU": "GP-15",
  "PED-15": "GP-15",
  "DENT-CLEAN": "DENT-EXAM",
  "DENT-EXAM": "DENT-CLEAN",
  "DIN-STD": "DIN-PRIV",
  "DIN-PRIV": "DIN-STD",
  "DIN-COUNTER": "DIN-STD",
  "LUN-STD": "DIN-STD",
  OMAKASE: "DIN-STD",
};

const INVENTED_NOTE = { clinic: "Asked for a female doctor.", restaurant: "Celebrating a birthday." };

function reformatPhone(rand: () => number, phone: string, region: "US" | "JP"): string {
  const digits = phone.replace(/\D/g, "");
  if (region === "JP") return pick(rand, [digits, `+81 ${phone.replace(/^0/, "")}`]);
  const d = digits.slice(-10);
  const [a, b, c] = [d.slice(0, 3), d.slice(3, 6), d.slice(6)];
  return pick(rand, [`+1${d}`, `${a}-${b}-${c}`, `+1 ${a}-${b}-${c}`, `${a}.${b}.${c}`]);
}

/** Drops or swaps digits among the last seven, so a country or area code stays recognisable. */
function corruptPhone(rand: () => number, phone: string): string {
  const positions = [...phone].flatMap((ch, i) => (/\d/.test(ch) ? [i] : [])).slice(-7);
  const chars = [...phone];
  if (rand() < 0.5) {
    chars.splice(pick(rand, positions), 1);
    return chars.join("");
  }
  const pairs = positions.slice(1).flatMap((p, k) => {
    const q = positions[k] as number;
    return chars[q] === chars[p] ? [] : [[q, p] as const];
  });
  const [q, p] = pick(rand, pairs);
  [chars[q], chars[p]] = [chars[p] as string, chars[q] as string];
  return chars.join("");
}

function shiftDate(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function flipClock(time: string): string {
  const hour = Number(time.slice(0, 2));
  const flipped = hour >= 12 ? hour - 12 : hour + 12;
  return `${String(flipped).padStart(2, "0")}${time.slice(2)}`;
}

function paraphrase(rand: () => number, note: string): string {
  const bare = note.replace(/\.$/, "");
  const lower = bare.charAt(0).toLowerCase() + bare.slice(1);
  return pick(rand, [`Caller mentioned: ${lower}.`, `Per the caller, ${lower}.`, `Note: ${lower}`, bare]);
}

function estimateTokens(text: string): number {
  const ascii = text.replace(/[^\x20-\x7e]/g, "").length;
  return Math.ceil(ascii / 4 + (text.length - ascii) * 1.1);
}

function lognormalMs(rand: () => number, median: number): number {
  const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Math.round(median * Math.exp(0.35 * z));
}

function breakOutput(
  rand: () => number,
  value: AppointmentRecord,
  shape: InvalidShape,
): string | Record<string, unknown> {
  if (shape === "missing_key") {
    const dropped = pick(rand, ["language", "business", "party_size"]);
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== dropped));
  }
  if (shape === "wrong_enum") {
    return { ...value, intent: value.intent === "book" ? "booking" : "appointment" };
  }
  const text = JSON.stringify(value, null, 2);
  return text.slice(0, Math.floor(text.length * (0.4 + 0.3 * rand())));
}

function simulatePipeline(calls: DemoCall[], seed: number, profile: Profile): SimulatedPipeline {
  const rand = mulberry32(seed + profile.column + 1);
  const applicable: Record<ErrorKind, DemoCall[]> = {
    phone: calls.filter((c) => c.gold.phone !== null),
    date: calls.filter((c) => c.gold.date !== null),
    time: calls.filter((c) => c.gold.time !== null),
    service_code: calls.filter((c) => c.gold.service_code !== null),
    party_size: calls.filter((c) => c.gold.party_size !== null),
    notes_added: calls.filter((c) => c.gold.date !== null),
    wrapped: calls,
    invalid: calls,
  };
  const chosen = new Map<ErrorKind, Set<DemoCall>>();
  for (const kind of ERROR_KINDS) {
    const pool = applicable[kind];
    const taken = kind === "wrapped" ? pool.filter((c) => !chosen.get("invalid")?.has(c)) : pool;
    chosen.set(kind, sample(rand, taken, Math.round(RATES[kind][profile.column] * pool.length)));
  }
  const hit = (kind: ErrorKind, call: DemoCall) => chosen.get(kind)?.has(call) === true;

  let invalidCount = 0;
  const rows = calls.map((call, index): RecordedRow => {
    const gold = call.gold;
    const value: AppointmentRecord = { ...gold };
    if (value.phone !== null && rand() < 0.3) {
      value.phone = reformatPhone(rand, value.phone, call.meta.phoneRegion);
    }
    if (value.phone !== null && hit("phone", call)) value.phone = corruptPhone(rand, value.phone);
    if (value.date !== null && hit("date", call)) {
      value.date = shiftDate(value.date, pick(rand, [-1, 1, -7, 7]));
    }
    if (value.time !== null && hit("time", call)) value.time = flipClock(value.time);
    if (value.service_code !== null && hit("service_code", call)) {
      value.service_code = NEIGHBOUR_CODE[value.service_code] ?? null;
    }
    if (value.party_size !== null && hit("party_size", call)) {
      value.party_size = value.party_size === 1 || rand() < 0.5 ? value.party_size + 1 : value.party_size - 1;
    }
    if (value.notes !== null && rand() < profile.paraphraseShare) value.notes = paraphrase(rand, value.notes);
    if (hit("notes_added", call)) {
      const invented = INVENTED_NOTE[gold.business];
      value.notes = value.notes === null ? invented : `${value.notes} ${invented}`;
    }

    let output: RecordedRow["output"] = value;
    if (hit("invalid", call)) {
      const shape = profile.invalidShapes[invalidCount++ % profile.invalidShapes.length] ?? "truncated";
      output = breakOutput(rand, value, shape);
    } else if (hit("wrapped", call)) {
      output = `Here is the extracted record:\n\n\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\`\n`;
    } else if (rand() < 0.1) output = JSON.stringify(value);

    const transcriptTokens = call.transcript.reduce((sum, turn) => sum + 4 + estimateTokens(turn.text), 0);
    const cacheHit = profile.promptCache && index > 0 && rand() >= 0.08;
    const outputText = typeof output === "string" ? output : JSON.stringify(output);
    return {
      id: call.id,
      output,
      latencyMs: lognormalMs(rand, profile.latencyMedianMs),
      usage: {
        inputTokens: STABLE_PROMPT_TOKENS + 20 + transcriptTokens,
        outputTokens: estimateTokens(outputText) + Math.floor(rand() * 6),
        cachedInputTokens: cacheHit ? Math.floor(STABLE_PROMPT_TOKENS / 128) * 128 : 0,
      },
    };
  });

  const injected = Object.fromEntries(
    ERROR_KINDS.map((kind) => [kind, calls.filter((c) => hit(kind, c)).map((c) => c.id)]),
  );
  return { name: profile.name, jsonl: rows.map((row) => `${JSON.stringify(row)}\n`).join(""), injected };
}

/** Pure: the same calls and seed give byte-identical files. */
export function simulate(calls: DemoCall[], seed: number): SimulatedPipeline[] {
  return PROFILES.map((profile) => simulatePipeline(calls, seed, profile));
}

export const DEMO_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "datasets", "demo");

function main(): void {
  const calls = parseCalls(readFileSync(join(DEMO_DIR, "calls.jsonl"), "utf8"));
  const outDir = join(DEMO_DIR, "recorded");
  mkdirSync(outDir, { recursive: true });
  for (const pipeline of simulate(calls, SEED)) {
    writeFileSync(join(outDir, `${pipeline.name}.jsonl`), pipeline.jsonl);
    const counts = Object.entries(pipeline.injected).map(([kind, ids]) => `${kind} ${ids.length}`);
    console.log(`${pipeline.name}: ${calls.length} rows; injected ${counts.join(", ")}`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
