// The store's database interface (../db.ts) on PostgreSQL: statements with SQLite's parameter styles,
// results shaped as better-sqlite3 shapes them, and transactions that nest as savepoints.
import type { Db, RunInfo, Statement, Transaction } from "../db.js";
import { maskedAddress } from "./address.js";
import { type Positional, toPositional } from "./placeholders.js";
import { PgSync, type PgSyncOptions } from "./sync-client.js";

type AnyFunction = (...params: never[]) => unknown;

/** `fn` called with the arguments its transaction was called with (better-sqlite3 passes them on as they are). */
function call<F extends AnyFunction>(fn: F, params: unknown[]): ReturnType<F> {
  return (fn as unknown as (...args: unknown[]) => ReturnType<F>)(...params);
}

class PgStatement implements Statement {
  #pluck = false;
  #raw = false;

  constructor(
    private readonly client: PgSync,
    private readonly sql: Positional,
  ) {}

  pluck(toggle = true): this {
    this.#pluck = toggle;
    return this;
  }

  raw(toggle = true): this {
    this.#raw = toggle;
    return this;
  }

  run(...params: unknown[]): RunInfo {
    const result = this.client.query(this.sql.text, this.#bind(params));
    // A statement that wants its row id says RETURNING id, on either backend; this is for what reads `changes`.
    const [first] = result.rows as { id?: unknown }[];
    return { changes: result.count, lastInsertRowid: typeof first?.id === "number" ? first.id : 0 };
  }

  get(...params: unknown[]): unknown {
    return this.all(...params)[0];
  }

  all(...params: unknown[]): unknown[] {
    const { rows } = this.client.query(this.sql.text, this.#bind(params), this.#pluck || this.#raw);
    return this.#pluck ? (rows as unknown[][]).map((row) => row[0]) : rows;
  }

  /** Read whole, then walked: the store's iterated reads are a page or a sorted column at a time. */
  iterate(...params: unknown[]): IterableIterator<unknown> {
    return this.all(...params)[Symbol.iterator]();
  }

  /** As better-sqlite3 binds: values in order (an array is its values), or one object of named values. */
  #bind(params: unknown[]): unknown[] {
    const { names } = this.sql;
    if (names) {
      const [values] = params;
      if (typeof values !== "object" || values === null) {
        throw new TypeError(`this statement takes named parameters (${names.join(", ")}) as one object`);
      }
      return names.map((name) => {
        if (!(name in values)) throw new RangeError(`missing named parameter "${name}"`);
        return Reflect.get(values, name);
      });
    }
    return params.flatMap((value) => (Array.isArray(value) ? value : [value]));
  }
}

export class PgDb implements Db {
  readonly name: string;
  readonly #client: PgSync;
  readonly #statements = new Map<string, Positional>();
  #depth = 0;

  constructor(address: string, options: PgSyncOptions = {}) {
    this.#client = new PgSync(address, options);
    this.name = maskedAddress(address);
  }

  get open(): boolean {
    return !this.#client.closed;
  }

  get inTransaction(): boolean {
    return this.#depth > 0;
  }

  prepare<P extends unknown[] | object = unknown[], R = unknown>(
    source: string,
  ): P extends unknown[] ? Statement<P, R> : Statement<[P], R> {
    let sql = this.#statements.get(source);
    if (!sql) {
      sql = toPositional(source);
      this.#statements.set(source, sql);
    }
    // Db.prepare's conditional result type, as better-sqlite3's: one statement class serves every shape.
    return new PgStatement(this.#client, sql) as unknown as P extends unknown[]
      ? Statement<P, R>
      : Statement<[P], R>;
  }

  /** Statements without parameters, several at once, sent as written (PostgreSQL's own syntax). */
  exec(source: string): this {
    this.#client.exec(source);
    return this;
  }

  transaction<F extends AnyFunction>(fn: F): Transaction<F> {
    const run = (...params: unknown[]): ReturnType<F> => {
      if (this.#depth > 0) return this.#savepoint(fn, params);
      this.#client.query("BEGIN");
      this.#depth++;
      try {
        const result = call(fn, params);
        this.#client.query("COMMIT");
        return result;
      } catch (error) {
        this.#rollback("ROLLBACK");
        throw error;
      } finally {
        this.#depth--;
      }
    };
    // PostgreSQL has no BEGIN IMMEDIATE: writers wait for each other row by row, and what must not
    // interleave takes its lock by name (see the store's writers).
    return Object.assign(run, { deferred: run, immediate: run }) as unknown as Transaction<F>;
  }

  close(): void {
    this.#client.close();
  }

  #savepoint<F extends AnyFunction>(fn: F, params: unknown[]): ReturnType<F> {
    const name = `callgrade_${this.#depth}`;
    this.#client.query(`SAVEPOINT ${name}`);
    this.#depth++;
    try {
      const result = call(fn, params);
      this.#client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      this.#rollback(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    } finally {
      this.#depth--;
    }
  }

  /** Rolls back; a connection already lost has nothing left to roll back, and its error is the one to see. */
  #rollback(statement: string): void {
    try {
      this.#client.query(statement);
    } catch {
      // The transaction's own error is the one thrown.
    }
  }
}
