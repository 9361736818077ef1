// What the store asks of its database: the part of better-sqlite3's interface it uses, which the PostgreSQL
// backend (pg/db.ts) gives too. Each store module is written once against this, with the few statements the
// two SQL dialects spell differently taken from `dialectOf(db)`.

export interface RunInfo {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface Statement<P extends unknown[] = unknown[], R = unknown> {
  run(...params: P): RunInfo;
  get(...params: P): R | undefined;
  all(...params: P): R[];
  iterate(...params: P): IterableIterator<R>;
  /** Each row as its first column's value. */
  pluck(toggle?: boolean): this;
  /** Each row as an array of its values. */
  raw(toggle?: boolean): this;
}

type AnyFunction = (...params: never[]) => unknown;
type ArgumentTypes<F extends AnyFunction> = F extends (...args: infer A) => unknown ? A : never;

/** `fn` in a transaction: committed when it returns, rolled back when it throws; nested, a savepoint. */
export interface Transaction<F extends AnyFunction> {
  (...params: ArgumentTypes<F>): ReturnType<F>;
  deferred(...params: ArgumentTypes<F>): ReturnType<F>;
  /** Takes the write lock at once (SQLite's BEGIN IMMEDIATE): a read then a write cannot fail as busy. */
  immediate(...params: ArgumentTypes<F>): ReturnType<F>;
}

export interface Db {
  /** The SQLite file, or the PostgreSQL address with its password masked. */
  readonly name: string;
  readonly open: boolean;
  prepare<P extends unknown[] | object = unknown[], R = unknown>(
    source: string,
  ): P extends unknown[] ? Statement<P, R> : Statement<[P], R>;
  exec(source: string): this;
  transaction<F extends AnyFunction>(fn: F): Transaction<F>;
  close(): void;
}
