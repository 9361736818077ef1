import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorRate, sumCounts, wordErrors } from "../../../src/asr/error-rate.js";
import { createRecogniser, isSkipped, type Recogniser } from "../../../src/asr/recognisers/index.js";
import { createPocketsphinxRecogniser } from "../../../src/asr/recognisers/pocketsphinx.js";
import { concatenate, degrade, resample, synthesise } from "../../helpers/speech.js";

// Numbers as spoken words: the reference is what was said.
const SENTENCES: Record<string, string> = {
  phone: "my number is five five five one two three four",
  booking: "i would like to book a table for two people on friday",
  callback: "please call me back tomorrow morning",
  address: "the delivery address is twelve oak street",
};

const ctx = { baseDir: "/", env: process.env };
const signal = new AbortController().signal;
let dir: string;
let sphinx: Recogniser;
const wav = (name: string) => join(dir, `${name}.wav`);

async function made(config: Parameters<typeof createRecogniser>[0]): Promise<Recogniser> {
  const recogniser = await createRecogniser(config, ctx);
  if (isSkipped(recogniser)) throw new Error(recogniser.skipped);
  return recogniser;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "callgrade-pocketsphinx-test-"));
  await Promise.all(Object.entries(SENTENCES).map(([name, text]) => synthesise(text, wav(name))));
  sphinx = await made({ id: "sphinx", provider: "pocketsphinx", processes: 2 });
}, 60_000);
afterAll(async () => {
  await sphinx?.close?.();
  await rm(dir, { recursive: true, force: true });
});

async function text(recogniser: Recogniser, audioPath: string): Promise<string> {
  const result = await recogniser.recognise({ caseId: audioPath, audioPath }, { signal });
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.text;
}

describe("pocketsphinx recogniser", () => {
  it("recognises every synthesised sentence, at a word error rate well under 0.5", async () => {
    const names = Object.keys(SENTENCES);
    const heard = await Promise.all(names.map((name) => text(sphinx, wav(name))));
    for (const hypothesis of heard) expect(hypothesis.split(" ").length).toBeGreaterThan(2);
    const counts = sumCounts(names.map((name, i) => wordErrors(SENTENCES[name] ?? "", heard[i] ?? "")));
    expect(counts.ref).toBe(35);
    expect(errorRate(counts)).toBeLessThan(0.5);
  });

  it("still hears a sentence under white noise at 30 dB SNR", async () => {
    await degrade(wav("phone"), wav("phone-noise"), "white-noise-30db");
    const heard = await text(sphinx, wav("phone-noise"));
    expect(errorRate(wordErrors(SENTENCES.phone ?? "", heard))).toBeLessThan(0.5);
  });

  it("decodes a WAV whose samples start after extra chunks, as it does the plain file", async () => {
    const plain = await readFile(wav("phone"));
    // RIFF, WAVE, fmt (12 + 24 bytes), then a LIST chunk before data: samples start at 70, not 44.
    const list = Buffer.concat([
      Buffer.from("LIST"),
      Buffer.alloc(4),
      Buffer.from("INFOISFT"),
      Buffer.alloc(10),
    ]);
    list.writeUInt32LE(list.length - 8, 4);
    const padded = Buffer.concat([plain.subarray(0, 36), list, plain.subarray(36)]);
    padded.writeUInt32LE(padded.length - 8, 4);
    await writeFile(wav("phone-list"), padded);
    expect(await text(sphinx, wav("phone-list"))).toBe(await text(sphinx, wav("phone")));
  });

  it("an 8 kHz file is an audio error naming the file and the rate it needs", async () => {
    await resample(wav("callback"), wav("callback-8k"), 8000);
    const result = await sphinx.recognise({ caseId: "c", audioPath: wav("callback-8k") }, { signal });
    expect(result).toMatchObject({ ok: false, error: { kind: "audio", retryable: false } });
    const message = result.ok ? "" : result.error.message;
    expect(message).toContain(wav("callback-8k"));
    expect(message).toContain("8000 Hz; pocketsphinx's en-us model needs 16 kHz");
  });

  it("a missing file, or one that is not WAV, is an audio error naming it", async () => {
    const missing = join(dir, "nowhere.wav");
    expect(await sphinx.recognise({ caseId: "m", audioPath: missing }, { signal })).toMatchObject({
      ok: false,
      error: { kind: "audio", message: `${missing}: audio file not found` },
    });
    await writeFile(join(dir, "notes.wav"), "call me back\n");
    const notes = await sphinx.recognise({ caseId: "n", audioPath: join(dir, "notes.wav") }, { signal });
    expect(notes.ok ? "" : notes.error.message).toMatch(/notes\.wav: is not a WAV file/);
  });

  it("files in flight together share one warm process instead of loading the model for each", async () => {
    const log = join(dir, "starts.log");
    const wrapper = join(dir, "counting-pocketsphinx");
    await writeFile(wrapper, `#!/bin/sh\necho started >> '${log}'\nexec pocketsphinx_batch "$@"\n`);
    await chmod(wrapper, 0o755);
    const one = createPocketsphinxRecogniser({
      id: "one",
      provider: "pocketsphinx",
      binary: wrapper,
      processes: 1,
    });
    try {
      const names = [...Object.keys(SENTENCES), ...Object.keys(SENTENCES)];
      const results = await Promise.all(
        names.map((name, i) => one.recognise({ caseId: String(i), audioPath: wav(name) }, { signal })),
      );
      expect(results.every((result) => result.ok && result.text !== "")).toBe(true);
      expect((await readFile(log, "utf8")).trim().split("\n")).toHaveLength(1);
    } finally {
      await one.close?.();
    }
  });

  it("an abort kills the decoder at once, and the next file still decodes", async () => {
    const names = Object.keys(SENTENCES).map(wav);
    await concatenate([...names, ...names, ...names], wav("long"));
    const controller = new AbortController();
    const pending = sphinx.recognise(
      { caseId: "long", audioPath: wav("long") },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 200);
    const started = performance.now();
    expect(await pending).toMatchObject({ ok: false, error: { kind: "aborted" } });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await text(sphinx, wav("callback"))).not.toBe("");
  });

  it("without the program, the registry says which packages to install, and so does a call", async () => {
    const config = { id: "gone", provider: "pocketsphinx" as const, binary: "no-such-pocketsphinx" };
    await expect(createRecogniser(config, ctx)).rejects.toThrow(
      /no-such-pocketsphinx not found on PATH: install it with `apt-get install pocketsphinx pocketsphinx-en-us`/,
    );
    const gone = createPocketsphinxRecogniser(config);
    const result = await gone.recognise({ caseId: "a", audioPath: wav("phone") }, { signal });
    expect(result).toMatchObject({ ok: false, error: { kind: "bad_request", retryable: false } });
    expect(result.ok ? "" : result.error.message).toContain(
      "apt-get install pocketsphinx pocketsphinx-en-us",
    );
    await gone.close?.();
  });

  it("a model folder that does not hold a model is a terminal error quoting pocketsphinx", async () => {
    const bad = createPocketsphinxRecogniser({ id: "bad", provider: "pocketsphinx", hmm: dir });
    const result = await bad.recognise({ caseId: "a", audioPath: wav("phone") }, { signal });
    expect(result).toMatchObject({ ok: false, error: { kind: "bad_request", retryable: false } });
    expect(result.ok ? "" : result.error.message).toMatch(
      /does not contain acoustic model definition 'mdef'/,
    );
    await bad.close?.();
  });

  it("the fingerprint names the program and models, not how many processes run them", () => {
    const base = { id: "a", provider: "pocketsphinx" as const };
    const fingerprint = (extra: object) => createPocketsphinxRecogniser({ ...base, ...extra }).fingerprint;
    expect(fingerprint({ processes: 1 })).toBe(fingerprint({ processes: 8 }));
    expect(fingerprint({ lm: "/models/bookings.lm" })).not.toBe(fingerprint({}));
  });
});
