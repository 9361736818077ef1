// PostgreSQL, synchronously: a worker thread holds the connection (postgres.js) and this thread waits for each
// answer. The store's code is synchronous (better-sqlite3 is): scoring runs in one transaction, a reviewer's
// grade is written before the next key is read. Waiting here keeps all of it as it is for a second backend,
// at the cost of one thread hop (tens of microseconds) per statement on top of the server's round trip.
import { createRequire } from "node:module";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { withoutSecrets } from "./address.js";

/** One statement's result: its rows (objects, or arrays with `raw`), and how many rows it changed. */
export interface PgResult {
  rows: unknown[];
  count: number;
}

/** What the server or the driver said, without the password: SQLSTATE codes for the server's own errors. */
export class PgError extends Error {
  /** SQLSTATE (`23505`), or the driver's (`ECONNREFUSED`, `CONNECTION_CLOSED`, `CONNECT_TIMEOUT`). */
  readonly code: string | undefined;
  /** The connection was lost or never made: the statement may not have run, and a new connection may work. */
  readonly lost: boolean;

  constructor(message: string, code: string | undefined, lost: boolean) {
    super(message);
    this.name = "PgError";
    this.code = code;
    this.lost = lost;
  }
}

export interface PgSyncOptions {
  /** Seconds to wait for a connection. @default 10 */
  connectTimeoutS?: number;
  /** Longest wait for one statement's answer, in milliseconds. @default 600000 */
  answerTimeoutMs?: number;
}

type Request =
  | { op: "query"; sql: string; params: unknown[]; raw: boolean }
  | { op: "exec"; sql: string }
  | { op: "close" };

type Answer =
  | { ok: true; rows?: unknown[]; count?: number }
  | { ok: false; message: string; code?: string; lost: boolean };

/**
 * The worker: plain CommonJS, evaluated as is, so it runs the same from the sources, the tests and dist/.
 * One connection (max: 1, which is also what lets postgres.js take a BEGIN as a plain statement) holds the
 * session (a transaction, temporary tables) across requests; a lost one is replaced by the next request.
 * bigint and numeric columns come back as numbers (counts, sums), as SQLite gives them. Errors raised outside
 * any request (a connection dropping while idle) are posted without a request number and let go.
 */
const WORKER = `
const { workerData } = require("node:worker_threads");
const postgres = require(workerData.driver);
const { port, flag, url, connectTimeout } = workerData;
const state = new Int32Array(flag);
const number = (oid) => ({ to: oid, from: [oid], serialize: (x) => String(x), parse: (x) => Number(x) });
const sql = postgres(url, {
  max: 1,
  onnotice: () => {},
  connect_timeout: connectTimeout,
  fetch_types: false,
  types: { int8: number(20), numeric: number(1700) },
});
const LOST = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND",
  "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT", "57P01", "57P02", "57P03"]);
function reply(answer) {
  port.postMessage(answer);
  Atomics.store(state, 0, 1);
  Atomics.notify(state, 0);
}
function failure(error) {
  const code = error && typeof error.code === "string" ? error.code : undefined;
  const lost = code !== undefined && LOST.has(code);
  const message = error && error.message ? String(error.message) : String(error);
  return { ok: false, message, code, lost };
}
async function handle(request) {
  if (request.op === "close") {
    await sql.end({ timeout: 5 });
    return { ok: true };
  }
  if (request.op === "exec") {
    await sql.unsafe(request.sql);
    return { ok: true };
  }
  const query = sql.unsafe(request.sql, request.params, { prepare: true });
  const result = request.raw ? await query.values() : await query;
  return { ok: true, rows: Array.from(result), count: typeof result.count === "number" ? result.count : 0 };
}
port.on("message", (request) => {
  // Every request gets one answer carrying its number, even when the answer itself cannot be sent.
  const send = (answer) => {
    try {
      reply({ ...answer, id: request.id });
    } catch (error) {
      reply({ ...failure(error), id: request.id });
    }
  };
  handle(request).then(send, (error) => send(failure(error)));
});
process.on("uncaughtException", (error) => reply(failure(error)));
process.on("unhandledRejection", (error) => reply(failure(error)));
`;

export class PgSync {
  readonly #worker: Worker;
  readonly #port: MessagePort;
  readonly #state: Int32Array;
  readonly #address: string;
  readonly #answerTimeoutMs: number;
  #closed = false;
  /** Requests asked so far: each answer carries its request's number. */
  #asked = 0;

  constructor(address: string, options: PgSyncOptions = {}) {
    this.#address = address;
    this.#answerTimeoutMs = options.answerTimeoutMs ?? 600_000;
    const flag = new SharedArrayBuffer(4);
    this.#state = new Int32Array(flag);
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    const driver = createRequire(import.meta.url).resolve("postgres");
    this.#worker = new Worker(WORKER, {
      eval: true,
      workerData: { driver, port: port2, flag, url: address, connectTimeout: options.connectTimeoutS ?? 10 },
      transferList: [port2],
    });
    // The worker waits only for requests: it must not keep a finished command's process alive.
    this.#worker.unref();
    this.#port.unref();
  }

  /** Runs one statement with `$1`-style parameters; `raw` gives each row as an array of its values. */
  query(sql: string, params: readonly unknown[] = [], raw = false): PgResult {
    const answer = this.#ask({ op: "query", sql, params: [...params], raw });
    return { rows: answer.rows ?? [], count: answer.count ?? 0 };
  }

  /** Runs statements without parameters, several at once (migrations). */
  exec(sql: string): void {
    this.#ask({ op: "exec", sql });
  }

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#ask({ op: "close" });
    } finally {
      void this.#worker.terminate();
      this.#port.close();
    }
  }

  #ask(request: Request): Extract<Answer, { ok: true }> {
    if (this.#closed && request.op !== "close") throw new PgError("the store is closed", undefined, false);
    const id = ++this.#asked;
    const deadline = Date.now() + this.#answerTimeoutMs;
    Atomics.store(this.#state, 0, 0);
    this.#port.postMessage({ ...request, id });
    // The worker posts its answer, then raises the flag: after every wake the port is read before the flag is
    // lowered again, so no answer is missed. Anything not answering this request (an error the connection
    // raised between requests) is let go.
    for (;;) {
      for (
        let received = receiveMessageOnPort(this.#port);
        received;
        received = receiveMessageOnPort(this.#port)
      ) {
        const answer = received.message as Answer & { id?: number };
        if (answer.id !== id) continue;
        if (!answer.ok)
          throw new PgError(withoutSecrets(answer.message, this.#address), answer.code, answer.lost);
        return answer;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new PgError(
          `the store did not answer within ${Math.round(this.#answerTimeoutMs / 1000)} s`,
          undefined,
          true,
        );
      }
      Atomics.wait(this.#state, 0, 0, left);
      Atomics.store(this.#state, 0, 0);
    }
  }
}
