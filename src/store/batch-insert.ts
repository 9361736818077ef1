// Rows appended `BATCH` at a time, in one multi-row INSERT: a statement per row costs more than the row on
// SQLite, and a round trip per row on PostgreSQL.
import type { Db } from "./db.js";

const BATCH = 64;

export interface BatchInsert {
  add(...values: unknown[]): void;
  /** Writes what is left; call it before the rows are read, in the same transaction as the adds. */
  flush(): void;
}

/** `into` is `INSERT INTO table (columns)`, of `width` columns; `then` follows the VALUES (ON CONFLICT ...). */
export function batchInsert(db: Db, into: string, width: number, then = ""): BatchInsert {
  const row = `(${Array(width).fill("?").join(", ")})`;
  const many = db.prepare(`${into} VALUES ${Array(BATCH).fill(row).join(", ")} ${then}`);
  const one = db.prepare(`${into} VALUES ${row} ${then}`);
  const pending: unknown[] = [];
  return {
    add(...values) {
      pending.push(...values);
      if (pending.length < BATCH * width) return;
      many.run(pending);
      pending.length = 0;
    },
    flush() {
      for (let at = 0; at < pending.length; at += width) one.run(pending.slice(at, at + width));
      pending.length = 0;
    },
  };
}
