// Test speech made on the spot: flite reads a sentence, sox spoils it in a known way. Both are Debian
// packages that npm test's pretest (scripts/test-tools.sh) installs; without them the speech tests fail,
// saying what to install.
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { promisify } from "node:util";

const run = promisify(execFile);

const PACKAGES: Record<string, string> = { flite: "flite", sox: "sox" };

/** Runs a tool, turning "not installed" into the apt-get line that fixes it. */
async function tool(name: "flite" | "sox", args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(name, args);
    return `${stdout}${stderr}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(
        `${name} is not installed: apt-get install ${PACKAGES[name]} (the speech tests need it)`,
      );
    }
    throw error;
  }
}

/** 16 kHz, mono, 16-bit speech of `text` in flite's rms voice (about 8% WER with pocketsphinx). */
export async function synthesise(text: string, outWav: string): Promise<void> {
  await tool("flite", ["-voice", "rms", "-t", text, "-o", outWav]);
}

export const DEGRADATIONS = [
  "white-noise-30db",
  "pink-noise-20db",
  "mu-law",
  "speed+10",
  "speed-10",
] as const;
export type Degradation = (typeof DEGRADATIONS)[number];

/** What every degraded file is written as: what pocketsphinx's en-us model takes. */
const OUTPUT = ["-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer"];

async function rms(wav: string): Promise<number> {
  const report = await tool("sox", [wav, "-n", "stat"]);
  const value = /RMS\s+amplitude:\s+([\d.e+-]+)/.exec(report)?.[1];
  if (value === undefined) throw new Error(`sox stat gave no RMS amplitude for ${wav}:\n${report}`);
  return Number(value);
}

/** Adds noise at `snrDb` below the speech's RMS level (over the whole file, pauses included). */
async function addNoise(inWav: string, outWav: string, colour: "whitenoise" | "pinknoise", snrDb: number) {
  const noise = `${outWav}.noise.wav`;
  try {
    // -R: the same noise every run, so a test's result does not wander.
    await tool("sox", ["-R", inWav, ...OUTPUT, noise, "synth", colour, "vol", "0.5"]);
    const gain = (await rms(inWav)) / 10 ** (snrDb / 20) / (await rms(noise));
    await tool("sox", ["-R", "-m", "-v", "1", inWav, "-v", gain.toFixed(6), noise, ...OUTPUT, outWav]);
  } finally {
    await rm(noise, { force: true });
  }
}

/** A copy of `inWav` spoilt one way; always 16 kHz, mono, 16-bit PCM, so only the spoiling differs. */
export async function degrade(inWav: string, outWav: string, kind: Degradation): Promise<void> {
  switch (kind) {
    case "white-noise-30db":
      return addNoise(inWav, outWav, "whitenoise", 30);
    case "pink-noise-20db":
      return addNoise(inWav, outWav, "pinknoise", 20);
    case "mu-law": {
      // 8-bit μ-law at the same 16 kHz: the quantisation of a phone line without its band limit.
      const coded = `${outWav}.ulaw.wav`;
      try {
        await tool("sox", [inWav, "-e", "u-law", "-b", "8", coded]);
        await tool("sox", [coded, ...OUTPUT, outWav]);
      } finally {
        await rm(coded, { force: true });
      }
      return;
    }
    case "speed+10":
    case "speed-10":
      // `speed` changes tempo and pitch together, like a tape; `rate` brings it back to 16 kHz.
      await tool("sox", [
        inWav,
        ...OUTPUT,
        outWav,
        "speed",
        kind === "speed+10" ? "1.1" : "0.9",
        "rate",
        "16000",
      ]);
      return;
  }
}

/** A copy at another sample rate, e.g. 8 kHz telephone audio, which the 16 kHz model cannot take. */
export async function resample(inWav: string, outWav: string, hz: number): Promise<void> {
  await tool("sox", [inWav, "-r", String(hz), outWav]);
}

/** One file of several, one after the other, for a long recording. */
export async function concatenate(inWavs: string[], outWav: string): Promise<void> {
  await tool("sox", [...inWavs, outWav]);
}
