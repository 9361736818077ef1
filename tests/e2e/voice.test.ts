// The voice stage through the CLI: recognised transcripts, their error rates, and what they cost each field.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import { runCli } from "../helpers/cli.js";
import { startFakeApi } from "../helpers/fake-api.js";
import { synthesise } from "../helpers/speech.js";

// A model that reads the text: the caller's name after "this is", and the digits of the phone number.
const EXTRACTOR = `
const DIGITS = { zero: "0", oh: "0", one: "1", two: "2", three: "3", four: "4", five: "5", six: "6", seven: "7", eight: "8", nine: "9" };
export default ({ user }) => {
  const text = user.toLowerCase();
  const name = /this is (\\w+)/.exec(text)?.[1] ?? null;
  const digits = text.split(/[^a-z0-9]+/).map((w) => DIGITS[w] ?? (/^\\d$/.test(w) ? w : "")).join("");
  return { name, phone: digits.length >= 7 ? digits : null };
};
`;

const CASES = [
  { id: "c1", text: "hello this is ana my number is five five five one two three four", phone: "5551234" },
  { id: "c2", text: "hi this is bo call me on five five five nine eight seven six", phone: "5559876" },
  { id: "c3", text: "this is cy my number is two one two three four five six", phone: "2123456" },
  { id: "c4", text: "this is di reach me at eight eight eight one one one two", phone: "8881112" },
];

// What "the recogniser" heard: c1 exactly; c2 one digit misheard (nine → five); c3 the name (cy → sigh)
// and one digit dropped; c4 an extra word inserted.
const HEARD: Record<string, string> = {
  c1: CASES[0]?.text ?? "",
  c2: "hi this is bo call me on five five five five eight seven six",
  c3: "this is sigh my number is two one two three four six",
  c4: "this is di reach me at eight eight eight one one one two please",
};

function voiceSuite(recogniser = '{ id: "heard", provider: "replay", path: "heard.jsonl" }'): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cg-voice-"));
  writeFileSync(path.join(dir, "extractor.mjs"), EXTRACTOR);
  writeFileSync(
    path.join(dir, "calls.jsonl"),
    CASES.map((c) =>
      JSON.stringify({
        id: c.id,
        transcript: c.text,
        audio: `audio/${c.id}.wav`,
        gold: {
          name: c.text.split(" this is ")[1]?.split(" ")[0] ?? c.text.split("this is ")[1]?.split(" ")[0],
          phone: c.phone,
        },
      }),
    ).join("\n"),
  );
  writeFileSync(
    path.join(dir, "heard.jsonl"),
    Object.entries(HEARD)
      .map(([id, transcript]) => JSON.stringify({ id, transcript }))
      .join("\n"),
  );
  writeFileSync(
    path.join(dir, "prompt.md"),
    "Extract the caller's name and phone.\n{{schema}}\n\n{{transcript}}\n",
  );
  writeFileSync(
    path.join(dir, "callgrade.config.ts"),
    `import { z } from "zod";
export default {
  name: "voice",
  dataset: "calls.jsonl",
  prompt: "prompt.md",
  schema: z.object({
    name: z.string().nullable(),
    phone: z.string().nullable().meta({ match: "exact" }),
  }),
  models: [{ id: "rules", provider: "custom", path: "./extractor.mjs" }],
  asr: { recognisers: [${recogniser}] },
};
`,
  );
  return dir;
}

describe("the voice stage", () => {
  it("scores the recogniser against the reference and shows each field's recognition penalty", async () => {
    const dir = voiceSuite();
    const result = await runCli(["run", "--store", "store.db", "--out", "out"], { cwd: dir });
    expect(result.stderr).toContain("recognising 4 audio files with heard");
    expect(result.code).toBe(0);
    const summary: RunSummary = JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8"));
    expect(summary.models.map((m) => m.id)).toEqual(["rules", "rules@heard"]);
    expect(summary.models[1]?.transcript).toEqual({ model: "rules", recogniser: "heard" });
    // Words: 14 + 14 + 13 + 13 = 54 reference words; c2 1 substitution, c3 1 substitution + 1 deletion,
    // c4 1 insertion: 4 errors.
    const [heard] = summary.asr?.recognisers ?? [];
    expect(heard).toMatchObject({
      id: "heard",
      provider: "replay",
      calls: 4,
      errors: 0,
      words: { ref: 54, sub: 2, del: 1, ins: 1 },
    });
    expect(heard?.wer).toBeCloseTo(4 / 54, 10);
    expect(heard?.perCallWer.max).toBeCloseTo(2 / 13, 10);
    // On the reference every field is right; on what was heard, 2 of 4 phones (c2, c3) and 1 of 4 names (c3).
    const [penalty] = summary.asr?.penalty ?? [];
    expect(penalty?.fields).toEqual([
      { field: "phone", reference: 1, recognised: 0.5, penalty: 0.5, n: 4 },
      { field: "name", reference: 1, recognised: 0.75, penalty: 0.25, n: 4 },
    ]);
    expect(penalty?.fieldAccuracy).toMatchObject({ reference: 1, recognised: 0.625, penalty: 0.375 });
    // The model on recognised text is not "disagreeing" with itself: nothing is queued for review.
    expect(summary.review.queued).toBe(0);
    const db = new Database(path.join(dir, "store.db"), { readonly: true });
    const stored = db.prepare("SELECT case_id, text, words FROM transcripts ORDER BY case_id").all();
    db.close();
    expect(stored).toHaveLength(4);
    expect(stored[1]).toMatchObject({ case_id: "c2", text: HEARD.c2 });
    const markdown = readFileSync(path.join(dir, "out", "report.md"), "utf8");
    expect(markdown).toContain("heard");
  });

  it("pocketsphinx recognises speech made with flite at run time; a second run takes its transcripts from the cache", async () => {
    const dir = voiceSuite('{ id: "sphinx", provider: "pocketsphinx" }');
    writeFileSync(
      path.join(dir, "calls.jsonl"),
      readFileSync(path.join(dir, "calls.jsonl"), "utf8").split("\n").slice(0, 2).join("\n"),
    );
    mkdirSync(path.join(dir, "audio"));
    for (const c of CASES.slice(0, 2)) await synthesise(c.text, path.join(dir, "audio", `${c.id}.wav`));
    const first = await runCli(["run", "--store", "store.db", "--out", "out"], { cwd: dir });
    expect(first.code).toBe(0);
    const summary: RunSummary = JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8"));
    const [sphinx] = summary.asr?.recognisers ?? [];
    // Measured, not tuned: flite's voice through the en-us model is a few words in a hundred wrong.
    expect(sphinx).toMatchObject({ calls: 2, errors: 0, cachedCalls: 0, words: { ref: 28 } });
    expect(sphinx?.wer).toBeGreaterThanOrEqual(0);
    expect(sphinx?.wer).toBeLessThan(0.5);
    expect(summary.asr?.penalty[0]?.fields.map((f) => f.field).sort()).toEqual(["name", "phone"]);
    const second = await runCli(["run", "--store", "store.db", "--out", "again"], { cwd: dir });
    expect(second.code).toBe(0);
    const again: RunSummary = JSON.parse(readFileSync(path.join(dir, "again", "summary.json"), "utf8"));
    expect(again.asr?.recognisers[0]).toMatchObject({ calls: 2, cachedCalls: 2, words: sphinx?.words });
  });

  it("perturb makes noisy variants; a run over them reports accuracy against the measured word error rate", async () => {
    const dir = voiceSuite();
    const made = await runCli(
      ["perturb", "calls.jsonl", "--wer", "0.1,0.3", "--seed", "3", "--out", "noisy.jsonl"],
      {
        cwd: dir,
      },
    );
    expect(made.code).toBe(0);
    expect(made.stdout).toContain("noisy.jsonl");
    const config = readFileSync(path.join(dir, "callgrade.config.ts"), "utf8")
      .replace('"calls.jsonl"', '"noisy.jsonl"')
      .replace(/\n {2}asr: .*\n/, "\n");
    writeFileSync(path.join(dir, "callgrade.config.ts"), config);
    const result = await runCli(["run", "--store", "store.db", "--out", "out"], { cwd: dir });
    expect(result.code).toBe(0);
    const summary: RunSummary = JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8"));
    expect(summary.caseCount).toBe(12);
    const levels = summary.robustness?.levels ?? [];
    expect(levels.map((l) => [l.level, l.cases])).toEqual([
      [0, 4],
      [0.1, 4],
      [0.3, 4],
    ]);
    expect(levels[0]?.wer).toBe(0);
    // Four calls are few words: the measured rate is near the level, not on it (perturb's own tests check ±0.02).
    expect(Math.abs((levels[1]?.wer ?? 0) - 0.1)).toBeLessThan(0.06);
    expect(Math.abs((levels[2]?.wer ?? 0) - 0.3)).toBeLessThan(0.06);
    const [rules] = summary.robustness?.models ?? [];
    expect(rules?.model).toBe("rules");
    expect(rules?.fieldAccuracy[0]).toMatchObject({ level: 0, accuracy: 1, n: 4 });
    expect(rules?.fields.phone?.map((p) => p.n)).toEqual([4, 4, 4]);
    // The points are the run's own scores at each level, whatever they are.
    const noisyPhones = rules?.fields.phone?.[2]?.accuracy ?? -1;
    expect(noisyPhones).toBeGreaterThanOrEqual(0);
    expect(noisyPhones).toBeLessThanOrEqual(1);
  });

  it("an OpenAI-compatible transcription server: a 429 is waited out and retried, and the upload is the audio file", async () => {
    const api = await startFakeApi();
    try {
      const dir = voiceSuite(
        `{ id: "whisper", provider: "openai", model: "whisper-1", baseURL: "${api.openaiBaseURL}" }`,
      );
      mkdirSync(path.join(dir, "audio"));
      for (const c of CASES)
        writeFileSync(path.join(dir, "audio", `${c.id}.wav`), `RIFF fake audio of ${c.id}`);
      api.respond = (request) => {
        const body = request.body as { file?: { filename?: string } };
        const id = /c\d/.exec(body.file?.filename ?? "")?.[0] ?? "";
        // The first upload of c2 is rate-limited once; every file is then heard as in HEARD.
        if (id === "c2" && request.attempt === 1) return { status: 429, headers: { "retry-after": "0.05" } };
        return { text: HEARD[id] ?? "" };
      };
      const result = await runCli(["run", "--store", "store.db", "--out", "out"], { cwd: dir });
      expect(result.code).toBe(0);
      const uploads = api.requests.filter((r) => r.path.endsWith("/audio/transcriptions"));
      expect(uploads).toHaveLength(5);
      // Files go up concurrently, in no fixed order: c1's upload, wherever it came.
      const c1 = uploads.find((u) => JSON.stringify(u.body).includes('"c1.wav"'));
      expect(c1?.body).toMatchObject({
        model: "whisper-1",
        file: { filename: "c1.wav" },
      });
      const summary: RunSummary = JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8"));
      expect(summary.asr?.recognisers[0]).toMatchObject({
        calls: 4,
        errors: 0,
        words: { ref: 54, sub: 2, del: 1, ins: 1 },
      });
      expect(summary.asr?.penalty[0]?.fieldAccuracy).toMatchObject({ reference: 1, recognised: 0.625 });
    } finally {
      await api.close();
    }
  });
});
