// The few things SQLite and PostgreSQL spell differently, for the store's statements to ask instead of
// branching on the backend. Everything else the store writes is SQL both read the same.
import type { Db } from "./db.js";
import { PgDb } from "./pg/db.js";

export interface Dialect {
  name: "sqlite" | "postgres";
  /** Whether `column` is one of the values of a JSON array given as the parameter `?`. */
  inJsonArray(column: string): string;
  /**
   * A JSON text column's value at `path` (keys); null where there is none. SQLite gives it as its JSON type
   * (a number stays a number), PostgreSQL as text: compare it with text, or read numbers with jsonNumber.
   */
  jsonText(column: string, path: readonly string[]): string;
  /** The same, as a number. */
  jsonNumber(column: string, path: readonly string[]): string;
  /** Whether a JSON text column holds a number at `path`. */
  jsonIsNumber(column: string, path: readonly string[]): string;
  /**
   * A JSON text column's value at `path` as one text both backends spell alike: a string as it is, a number
   * or a boolean (`true`) as JSON writes it, an array or object as its JSON text; null for null or nothing.
   */
  jsonValueText(column: string, path: readonly string[]): string;
  /**
   * The values of a JSON array given as the parameter `?`, as a table named `alias` with the columns `value`
   * (text) and `ord` (its place in the array, ascending).
   */
  jsonArrayRows(alias: string): string;
  /**
   * What ends a SELECT that picks rows of `alias` to change: on PostgreSQL it locks them and passes over the
   * rows another transaction has locked (`FOR UPDATE SKIP LOCKED`), on SQLite, whose writers take turns, nothing.
   */
  skipLocked(alias: string): string;
  /** A column that orders a table's rows as they were inserted (runs, temporary tables). */
  insertOrder: string;
  /** A temporary table, by name, where a statement may name it. */
  temp(table: string): string;
  /** A column of temporary tables that keeps their insertion order (SQLite has rowid already). */
  tempOrderColumn: string;
  /** The text type of a temporary table's column: compared by code point, as the store's tables are. */
  text: string;
}

/** A key as it may stand in a path written into a statement: word characters only (the store's own keys). */
const key = (name: string) => name.replace(/[^\w]/g, "");
const path = (keys: readonly string[]) => keys.map(key).join(".");

const SQLITE: Dialect = {
  name: "sqlite",
  inJsonArray: (column) => `${column} IN (SELECT value FROM json_each(?))`,
  jsonText: (column, keys) => `json_extract(${column}, '$.${path(keys)}')`,
  jsonNumber: (column, keys) => `json_extract(${column}, '$.${path(keys)}')`,
  jsonIsNumber: (column, keys) => `json_type(${column}, '$.${path(keys)}') IN ('integer', 'real')`,
  jsonValueText: (column, keys) => {
    const at = `'$.${path(keys)}'`;
    return `CASE json_type(${column}, ${at}) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN NULL
      ELSE CAST(json_extract(${column}, ${at}) AS TEXT) END`;
  },
  jsonArrayRows: (alias) => `(SELECT value, key AS ord FROM json_each(?)) AS ${alias}`,
  skipLocked: () => "",
  insertOrder: "rowid",
  temp: (table) => `temp.${table}`,
  tempOrderColumn: "",
  text: "TEXT",
};

const POSTGRES: Dialect = {
  name: "postgres",
  // Bound as text (a parameter the server types as json, postgres.js would encode as JSON a second time),
  // made into one array once per statement, and compared with = ANY: an index condition, where `IN` over a
  // set-returning function was a nested loop over every call of the run, for each page of cases.
  inJsonArray: (column) =>
    `${column} = ANY(ARRAY(SELECT json_array_elements_text(CAST(CAST(? AS TEXT) AS json))))`,
  jsonText: (column, keys) => `(CAST(${column} AS jsonb) #>> '{${keys.map(key).join(",")}}')`,
  jsonNumber: (column, keys) =>
    `CAST(CAST(${column} AS jsonb) #>> '{${keys.map(key).join(",")}}' AS DOUBLE PRECISION)`,
  jsonIsNumber: (column, keys) =>
    `jsonb_typeof(CAST(${column} AS jsonb) #> '{${keys.map(key).join(",")}}') = 'number'`,
  // json, not jsonb: an object comes back as the text it was stored as, as SQLite gives it.
  jsonValueText: (column, keys) => `(CAST(${column} AS json) #>> '{${keys.map(key).join(",")}}')`,
  jsonArrayRows: (alias) =>
    `json_array_elements_text(CAST(CAST(? AS TEXT) AS json)) WITH ORDINALITY AS ${alias}(value, ord)`,
  skipLocked: (alias) => `FOR UPDATE OF ${alias} SKIP LOCKED`,
  insertOrder: "seq",
  temp: (table) => `pg_temp.${table}`,
  tempOrderColumn: "seq BIGINT GENERATED ALWAYS AS IDENTITY, ",
  text: 'TEXT COLLATE "C"',
};

export function dialectOf(db: Db): Dialect {
  return db instanceof PgDb ? POSTGRES : SQLITE;
}
