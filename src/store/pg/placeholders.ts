// The store's statements name their parameters as SQLite does (`?` in order, or `$name` / `@name` bound from
// an object); PostgreSQL numbers them (`$1`). Rewritten once per statement, outside quotes and comments.

export interface Positional {
  /** The statement with `$1`, `$2`, ... */
  text: string;
  /** For named parameters: the name of each number's value, in order. Undefined for `?` parameters. */
  names?: string[];
}

/**
 * Rewrites `?` to `$1`, `$2`, ... in order, or `$name` / `@name` to one number per distinct name. A
 * statement uses one style or the other, as SQLite requires. `$1`-style numbers and `::` casts pass as they are.
 */
export function toPositional(sql: string): Positional {
  let out = "";
  let count = 0;
  const named = new Map<string, number>();
  let i = 0;
  while (i < sql.length) {
    const char = sql[i] ?? "";
    const next = sql[i + 1] ?? "";
    // Quoted text and identifiers ('it''s', "a ""b"""), comments: copied whole.
    if (char === "'" || char === '"') {
      let end = i + 1;
      while (end < sql.length) {
        if (sql[end] === char) {
          if (sql[end + 1] === char) end += 2;
          else break;
        } else end++;
      }
      out += sql.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (char === "-" && next === "-") {
      const end = sql.indexOf("\n", i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
      continue;
    }
    if (char === "/" && next === "*") {
      const end = sql.indexOf("*/", i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
      continue;
    }
    if (char === "?") {
      out += `$${++count}`;
      i++;
      continue;
    }
    if ((char === "$" || char === "@") && /[A-Za-z_]/.test(next)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1));
      const name = match?.[0] ?? "";
      let index = named.get(name);
      if (index === undefined) {
        index = named.size + 1;
        named.set(name, index);
      }
      out += `$${index}`;
      i += 1 + name.length;
      continue;
    }
    out += char;
    i++;
  }
  if (count > 0 && named.size > 0) {
    throw new Error(`a statement mixes ? and named parameters: ${sql.slice(0, 80)}`);
  }
  return named.size > 0 ? { text: out, names: [...named.keys()] } : { text: out };
}
