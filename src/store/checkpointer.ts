// Copies a SQLite store's write-ahead log into its file from a thread of its own while a run writes, instead of
// in the middle of the run's own commits.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";

/** How often the thread looks at how much of the log is left to copy: one read of 100 bytes. */
const EVERY_MS = 25;
/**
 * Pages (frames) of log left to copy before the thread copies them: a quarter of SQLite's own 1,000, so
 * little is left for the close, yet pages written again and again (an index's upper levels) are not copied
 * on every look (at every look, a 2,000-call run cost 5% more CPU).
 */
const MIN_FRAMES = 256;
/** The longest a closing store waits for the thread's last copy. */
const STOP_WAIT_MS = 10_000;
/** SQLite's own default: a connection copies the log once it holds this many pages. */
const AUTO_PAGES = 1_000;

// The thread's own connection does PASSIVE checkpoints: they never wait for a lock and never block a reader
// or a writer, and SQLite keeps a checkpoint crash-safe wherever it stops. A checkpoint that fails (a full
// disk) is left to the store's own connection, which checkpoints what is left as it closes. How much is left
// to copy is read from the wal-index header in the -shm file (https://www.sqlite.org/walformat.html: mxFrame,
// the log's frames, at byte 16; nBackfill, those copied, at byte 96; in the machine's byte order); a header
// that cannot be read means a checkpoint at every look.
const WORKER = `
const { workerData, parentPort } = require("node:worker_threads");
const fs = require("node:fs");
const little = require("node:os").endianness() === "LE";
const header = Buffer.alloc(100);
let shm;
const pending = () => {
  try {
    shm ??= fs.openSync(workerData.file + "-shm", "r");
    if (fs.readSync(shm, header, 0, 100, 0) < 100) return Infinity;
    const frames = little ? header.readUInt32LE(16) : header.readUInt32BE(16);
    const copied = little ? header.readUInt32LE(96) : header.readUInt32BE(96);
    // A log started again from its beginning has copied none of its new frames yet.
    return copied > frames ? frames : frames - copied;
  } catch {
    return Infinity;
  }
};
const done = new Int32Array(workerData.done);
let db;
let timer;
const finish = () => {
  clearInterval(timer);
  try { db?.close(); } catch {}
  try { if (shm !== undefined) fs.closeSync(shm); } catch {}
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
};
process.on("uncaughtException", () => {
  finish();
  parentPort.postMessage("failed");
});
const checkpoint = () => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
};
db = new (require(workerData.driver))(workerData.file, { fileMustExist: true });
timer = setInterval(() => {
  if (pending() >= workerData.minFrames) checkpoint();
}, workerData.everyMs);
parentPort.once("message", () => {
  checkpoint();
  finish();
  parentPort.close();
});
`;

/**
 * A thread that checkpoints the store while it is open; the store's connection stops checkpointing on its
 * own meanwhile. A run's commits then only append to the log (npm run bench: a cached rerun of 6,000 calls
 * spent ~20 ms of its 0.3 s copying pages at its commits).
 */
export class Checkpointer {
  readonly #done = new Int32Array(new SharedArrayBuffer(4));
  readonly #worker: Worker;

  constructor(
    private readonly db: Database.Database,
    file: string,
  ) {
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    this.#worker = new Worker(WORKER, {
      eval: true,
      workerData: { driver, file, everyMs: EVERY_MS, minFrames: MIN_FRAMES, done: this.#done.buffer },
    });
    // It only copies pages: it must not keep a finished command's process alive.
    this.#worker.unref();
    // A thread that could not start, or failed, leaves checkpointing to the store's connection, as before.
    this.#worker.on("error", () => this.#resume());
    this.#worker.on("message", () => this.#resume());
    db.pragma("wal_autocheckpoint = 0");
  }

  /**
   * Stops the thread after a last checkpoint, waiting for it (the store's connection is then the last one, so
   * closing it checkpoints whatever is left and removes the log: the file alone holds the store again).
   */
  stop(): void {
    this.#worker.postMessage("stop");
    Atomics.wait(this.#done, 0, 0, STOP_WAIT_MS);
    void this.#worker.terminate();
    this.#resume();
  }

  #resume(): void {
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTO_PAGES}`);
  }
}
