// Writes datasets/demo/recorded/prod-v{1,2}.jsonl: outputs of two SIMULATED pipeline versions, made
// with seeded, documented error injection, so `npm start` has something to replay. A labelled call (one
// with `gold`) is simulated from its gold; an unlabelled one, as production traffic is, from its hidden
// truth in datasets/demo/unlabelled-truth.jsonl, which only this script reads (callgrade never sees it).
//
// Error injection. For each kind, round(rate × applicable rows) rows are picked by a seeded shuffle,
// so the realised counts are fixed (see datasets/demo/recorded/README.md). Kinds can hit the same row.
// Labelled and unlabelled calls are two separate pools, each with its own PRNG stream, so adding
// unlabelled calls leaves every labelled call's recorded output as it was.
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
// | (forced)      | unlabelled calls only: one more error of a kind above, in   | FORCED below      | 4    | 2     |
// |               | one version, so the versions disagree where no gold settles |                   | rows | rows  |
//
// Forced errors (FORCED): en-030 time, en-031 party_size, ja-020 date, ja-021 phone in v1; en-032 phone,
// en-034 date in v2. en-033 and ja-022 get none, so the versions agree there unless a drawn error hits.
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
/** The unlabelled calls draw from their own stream, mulberry32(SEED + this + column + 1). */
const UNLABELLED_SEED_OFFSET = 1000;

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

/**
 * One error forced into one version on an unlabelled call, on top of the drawn ones, so that the two
 * versions disagree on a field no gold settles and callgrade queues it for people. Kind and version
 * are chosen so that v2 still carries no more errors of any kind than v1.
 */
const FORCED: Record<string, { column: 0 | 1; kind: ErrorKind }> = {
  "en-030": { column: 0, kind: "time" },
  "en-031": { column: 0, kind: "party_size" },
  "en-032": { column: 1, kind: "phone" },
  "en-034": { column: 1, kind: "date" },
  "ja-020": { column: 0, kind: "date" },
  "ja-021": { column: 0, kind: "phone" },
};

/** Tokens of the stable prefix (instructions, JSON Schema, both knowledge bases); v2 caches whole 128-token blocks. */
const STABLE_PROMPT_TOKENS = 2410;

export const DemoCall = z.object({
  id: z.string().min(1),
  transcript: z.array(z.object({ speaker: z.enum(["agent", "caller"]), text: z.string().min(1) })),
  /** Absent on unlabelled calls: their truth is in unlabelled-truth.jsonl, which callgrade never reads. */
  gold: Appointment.optional(),
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

/** The hidden truth of an unlabelled call: what it says, for the simulator only. */
export const TruthRow = z.object({ id: z.string().min(1), truth: Appointment });
export type TruthRow = z.infer<typeof TruthRow>;

export function parseTruth(jsonl: string): TruthRow[] {
  return jsonl
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => TruthRow.parse(JSON.parse(line)));
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

/** A call to simulate: its record (gold or hidden truth) and its position in the file. */
interface SimCall {
  call: DemoCall;
  record: AppointmentRecord;
  index: number;
}

/** Simulates one pool of calls from one PRNG stream; `forced` adds errors on top of the drawn ones. */
function simulatePool(
  pool: SimCall[],
  rand: () => number,
  profile: Profile,
  forced: Map<ErrorKind, Set<string>>,
): { rows: RecordedRow[]; hit: (kind: ErrorKind, entry: SimCall) => boolean } {
  const applicable: Record<ErrorKind, SimCall[]> = {
    phone: pool.filter((c) => c.record.phone !== null),
    date: pool.filter((c) => c.record.date !== null),
    time: pool.filter((c) => c.record.time !== null),
    service_code: pool.filter((c) => c.record.service_code !== null),
    party_size: pool.filter((c) => c.record.party_size !== null),
    notes_added: pool.filter((c) => c.record.date !== null),
    wrapped: pool,
    invalid: pool,
  };
  const chosen = new Map<ErrorKind, Set<SimCall>>();
  for (const kind of ERROR_KINDS) {
    const candidates = applicable[kind];
    const taken = kind === "wrapped" ? candidates.filter((c) => !chosen.get("invalid")?.has(c)) : candidates;
    const drawn = sample(rand, taken, Math.round(RATES[kind][profile.column] * candidates.length));
    for (const entry of candidates) if (forced.get(kind)?.has(entry.call.id)) drawn.add(entry);
    chosen.set(kind, drawn);
  }
  const hit = (kind: ErrorKind, entry: SimCall) => chosen.get(kind)?.has(entry) === true;

  let invalidCount = 0;
  const rows = pool.map((entry): RecordedRow => {
    const { call, record, index } = entry;
    const value: AppointmentRecord = { ...record };
    if (value.phone !== null && rand() < 0.3) {
      value.phone = reformatPhone(rand, value.phone, call.meta.phoneRegion);
    }
    if (value.phone !== null && hit("phone", entry)) value.phone = corruptPhone(rand, value.phone);
    if (value.date !== null && hit("date", entry)) {
      value.date = shiftDate(value.date, pick(rand, [-1, 1, -7, 7]));
    }
    if (value.time !== null && hit("time", entry)) value.time = flipClock(value.time);
    if (value.service_code !== null && hit("service_code", entry)) {
      value.service_code = NEIGHBOUR_CODE[value.service_code] ?? null;
    }
    if (value.party_size !== null && hit("party_size", entry)) {
      value.party_size = value.party_size === 1 || rand() < 0.5 ? value.party_size + 1 : value.party_size - 1;
    }
    if (value.notes !== null && rand() < profile.paraphraseShare) value.notes = paraphrase(rand, value.notes);
    if (hit("notes_added", entry)) {
      const invented = INVENTED_NOTE[record.business];
      value.notes = value.notes === null ? invented : `${value.notes} ${invented}`;
    }

    let output: RecordedRow["output"] = value;
    if (hit("invalid", entry)) {
      const shape = profile.invalidShapes[invalidCount++ % profile.invalidShapes.length] ?? "truncated";
      output = breakOutput(rand, value, shape);
    } else if (hit("wrapped", entry)) {
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
  return { rows, hit };
}

function simulatePipeline(
  calls: DemoCall[],
  truth: ReadonlyMap<string, AppointmentRecord>,
  seed: number,
  profile: Profile,
): SimulatedPipeline {
  const labelled: SimCall[] = [];
  const unlabelled: SimCall[] = [];
  calls.forEach((call, index) => {
    if (call.gold !== undefined) {
      labelled.push({ call, record: call.gold, index });
      return;
    }
    const record = truth.get(call.id);
    if (record === undefined)
      throw new Error(`${call.id} has neither gold nor a row in unlabelled-truth.jsonl`);
    unlabelled.push({ call, record, index });
  });
  const forced = new Map<ErrorKind, Set<string>>();
  for (const [id, { column, kind }] of Object.entries(FORCED)) {
    const entry = unlabelled.find((c) => c.call.id === id);
    if (entry === undefined) throw new Error(`FORCED names ${id}, which is not an unlabelled call`);
    if (entry.record[kind as keyof AppointmentRecord] === null) throw new Error(`${id}: ${kind} is null`);
    if (column === profile.column) forced.set(kind, (forced.get(kind) ?? new Set()).add(id));
  }

  const pools = [
    simulatePool(labelled, mulberry32(seed + profile.column + 1), profile, new Map()),
    simulatePool(unlabelled, mulberry32(seed + UNLABELLED_SEED_OFFSET + profile.column + 1), profile, forced),
  ];
  const byId = new Map(pools.flatMap((p) => p.rows).map((row) => [row.id, row]));
  const rows = calls.map((call) => byId.get(call.id) as RecordedRow);
  const entries = [...labelled, ...unlabelled].sort((a, b) => a.index - b.index);
  const hitAny = (kind: ErrorKind, entry: SimCall) => pools.some((p) => p.hit(kind, entry));
  const injected = Object.fromEntries(
    ERROR_KINDS.map((kind) => [kind, entries.filter((c) => hitAny(kind, c)).map((c) => c.call.id)]),
  );
  return { name: profile.name, jsonl: rows.map((row) => `${JSON.stringify(row)}\n`).join(""), injected };
}

/** Pure: the same calls, hidden truth and seed give byte-identical files. */
export function simulate(calls: DemoCall[], truth: TruthRow[], seed: number): SimulatedPipeline[] {
  const byId = new Map(truth.map((row) => [row.id, row.truth]));
  return PROFILES.map((profile) => simulatePipeline(calls, byId, seed, profile));
}

export const DEMO_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "datasets", "demo");

function main(): void {
  const calls = parseCalls(readFileSync(join(DEMO_DIR, "calls.jsonl"), "utf8"));
  const truth = parseTruth(readFileSync(join(DEMO_DIR, "unlabelled-truth.jsonl"), "utf8"));
  const outDir = join(DEMO_DIR, "recorded");
  mkdirSync(outDir, { recursive: true });
  const labelled = calls.filter((call) => call.gold !== undefined).length;
  for (const pipeline of simulate(calls, truth, SEED)) {
    writeFileSync(join(outDir, `${pipeline.name}.jsonl`), pipeline.jsonl);
    const counts = Object.entries(pipeline.injected).map(
      ([kind, ids]) => `${kind} ${ids.length}${ids.length > 0 ? `: ${ids.join(" ")}` : ""}`,
    );
    console.log(
      `${pipeline.name}: ${calls.length} rows (${labelled} labelled, ${calls.length - labelled} unlabelled)`,
    );
    for (const line of counts) console.log(`  ${line}`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
