// One warm pocketsphinx_batch process. The model loads once; files are then fed one at a time through its
// control file, a FIFO we write to, and each hypothesis comes back in its log (stderr) tagged with its id.
import { type ChildProcessByStdio, execFile, spawn } from "node:child_process";
import { constants } from "node:fs";
import { type FileHandle, open, rm, symlink, unlink } from "node:fs/promises";
import { resolve as absolute, join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { promisify } from "node:util";

export const INSTALL_HINT = "install it with `apt-get install pocketsphinx pocketsphinx-en-us`";

const run = promisify(execFile);

export interface DecoderOptions {
  binary: string;
  /** -hmm, -lm, -dict overrides. */
  modelArgs: string[];
  /** Bytes before the samples (the WAV header); one process skips the same number for every file. */
  headerBytes: number;
  /** Folder for the control FIFO and the links it names: ids, not paths, so spaces in paths do no harm. */
  dir: string;
}

/** Why a file got no hypothesis: the program cannot run as configured, the file, or the process died. */
export type DecodeFailure = "setup" | "file" | "crash";

export type DecodeOutcome = { ok: true; text: string } | { ok: false; cause: DecodeFailure; message: string };

/** "my number is five (uttid -10141)"; an empty hypothesis is " (uttid -459)". */
const HYPOTHESIS = /^(.*?) ?\((\S+) -?\d+\)$/;

let decoders = 0;

export class Decoder {
  readonly headerBytes: number;
  private readonly name = `d${++decoders}`;
  private readonly fifo: string;
  private child: ChildProcessByStdio<null, null, Readable> | undefined;
  /**
   * pocketsphinx fopen()s its control file, so it cannot be the socket Node gives a child as stdin.
   * Opened read-write, the FIFO neither blocks us nor ends for the reader until we close it.
   */
  private control: FileHandle | undefined;
  private readonly started: Promise<void>;
  private current: { id: string; resolve(outcome: DecodeOutcome): void } | undefined;
  private errors: string[] = [];
  private exited = false;
  private exit: Promise<void> = Promise.resolve();
  private files = 0;
  private decoded = 0;

  constructor(private readonly options: DecoderOptions) {
    this.headerBytes = options.headerBytes;
    this.fifo = join(options.dir, `${this.name}.ctl`);
    this.started = this.start().catch((error: unknown) => {
      this.exited = true;
      this.errors = [`cannot make its control FIFO: ${String(error)}`];
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Decodes one file; the caller sends the next only after this one has settled. */
  async decode(audioPath: string): Promise<DecodeOutcome> {
    const id = `${this.name}-${++this.files}`;
    const link = join(this.options.dir, `${id}.wav`);
    const outcome = new Promise<DecodeOutcome>((resolve) => {
      this.current = { id, resolve };
    });
    try {
      await this.started;
      await symlink(absolute(audioPath), link);
      if (this.exited || !this.control) {
        // It died before this file (a FATAL start), or was ended: its last words say why.
        this.settle({
          ok: false,
          cause: "setup",
          message: `${this.options.binary}: ${this.errors.join("; ")}`,
        });
      } else await this.control.write(`${id}\n`);
      return await outcome;
    } catch (error) {
      return { ok: false, cause: "crash", message: `cannot hand the file to the decoder: ${String(error)}` };
    } finally {
      this.current = undefined;
      await unlink(link).catch(() => {});
    }
  }

  /** Lets the process finish what it has and exit: the end of its control file. */
  async end(): Promise<void> {
    await this.started;
    const control = this.control;
    this.control = undefined;
    await control?.close();
    await this.exit;
    await rm(this.fifo, { force: true });
  }

  async kill(): Promise<void> {
    await this.started;
    if (!this.exited) this.child?.kill("SIGKILL");
    await this.end();
  }

  private async start(): Promise<void> {
    await run("mkfifo", [this.fifo]);
    this.control = await open(this.fifo, constants.O_RDWR);
    const { binary, headerBytes, dir, modelArgs } = this.options;
    const args = ["-ctl", this.fifo, "-adcin", "yes", "-adchdr", String(headerBytes)];
    const child = spawn(binary, [...args, "-cepdir", dir, "-cepext", ".wav", ...modelArgs], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    this.child = child;
    createInterface({ input: child.stderr }).on("line", (line) => this.onLog(line));
    this.exit = new Promise((resolve) => {
      child.on("error", (error: NodeJS.ErrnoException) => {
        this.exited = true;
        const message =
          error.code === "ENOENT"
            ? `${binary} not found: ${INSTALL_HINT} (or set the recogniser's \`binary\` to its path)`
            : `${binary} could not start: ${error.message}`;
        this.errors = [message];
        this.settle({ ok: false, cause: "setup", message });
        resolve();
      });
      child.on("close", (code, signal) => {
        this.exited = true;
        const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
        const said = this.errors.length > 0 ? `: ${this.errors.join("; ")}` : "";
        // A start that fails (a bad -hmm path) says FATAL and exits 1 before any hypothesis: fix the config.
        const cause = code !== 0 && !signal && this.decoded === 0 ? "setup" : "crash";
        this.settle({ ok: false, cause, message: `${binary} ${how}${said}` });
        resolve();
      });
    });
  }

  private settle(outcome: DecodeOutcome): void {
    const current = this.current;
    this.current = undefined;
    current?.resolve(outcome);
  }

  private onLog(line: string): void {
    const hypothesis = HYPOTHESIS.exec(line);
    if (hypothesis && hypothesis[2] === this.current?.id) {
      this.decoded += 1;
      this.settle({ ok: true, text: (hypothesis[1] ?? "").trim() });
      return;
    }
    if (!/^(ERROR|FATAL)/.test(line)) return;
    // Failing to open one file is that file's error; the process goes on with the next.
    if (this.current && line.includes("Failed to open") && line.includes(`${this.current.id}.wav`)) {
      this.settle({ ok: false, cause: "file", message: line.replace(/^ERROR: "[^"]*", line \d+: /, "") });
      return;
    }
    this.errors = [...this.errors, line].slice(-3);
  }
}
