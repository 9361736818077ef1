// Reads a CSV header into a column plan, and turns a record's cells into a raw row
// for the shared row schema.
import { inputError } from "../core/errors.js";
import { jsonReason } from "./json-error.js";

export interface ColumnPlan {
  width: number;
  id: number;
  transcript: number;
  audio?: number;
  /** A `gold` column holding a JSON object. */
  gold?: number;
  /** `gold.<field>` columns; `gold.caller.name` is the path ["caller", "name"]. */
  goldFields: { index: number; path: string[] }[];
  meta: { index: number; name: string }[];
}

export function planColumns(header: readonly string[], file: string, line: number): ColumnPlan {
  const names = header.map((name) => name.trim());
  const fail = (problem: string) => inputError("DATASET_INVALID", { file, line }, problem);
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    if (name === "") throw fail(`header column ${index + 1} has no name; name every column`);
    const before = seen.get(name);
    if (before !== undefined) {
      throw fail(`header names column "${name}" twice (columns ${before + 1} and ${index + 1}); rename one`);
    }
    seen.set(name, index);
  });
  const id = seen.get("id");
  const transcript = seen.get("transcript");
  const found = names.map((name) => JSON.stringify(name)).join(", ");
  if (id === undefined) throw fail(`header has no "id" column (found ${found}); add one, named exactly id`);
  if (transcript === undefined) {
    throw fail(`header has no "transcript" column (found ${found}); add one, named exactly transcript`);
  }
  const plan: ColumnPlan = { width: names.length, id, transcript, goldFields: [], meta: [] };
  plan.audio = seen.get("audio");
  plan.gold = seen.get("gold");
  names.forEach((name, index) => {
    if (name.startsWith("gold.")) {
      const path = name.slice("gold.".length).split(".");
      if (path.some((part) => part === "")) throw fail(`header column "${name}" has an empty field name`);
      plan.goldFields.push({ index, path });
    } else if (!["id", "transcript", "audio", "gold"].includes(name)) {
      plan.meta.push({ index, name });
    }
  });
  if (plan.gold !== undefined && plan.goldFields.length > 0) {
    throw fail('header has both a "gold" column and "gold.<field>" columns; use one or the other');
  }
  const paths = plan.goldFields.map((field) => field.path.join("."));
  for (const path of paths) {
    const clash = paths.find((other) => other.startsWith(`${path}.`));
    if (clash)
      throw fail(
        `header has both "gold.${path}" and "gold.${clash}"; a field cannot be a value and an object`,
      );
  }
  return plan;
}

function parseJsonCell(
  cell: string,
  where: { file: string; line: number; field: string },
  what: string,
): unknown {
  try {
    return JSON.parse(cell);
  } catch (error) {
    throw inputError("DATASET_INVALID", where, `is not valid JSON (${jsonReason(error)}); ${what}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Header checks rule out a path that is both a value and an object.
function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  path.forEach((key, depth) => {
    if (depth === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (isRecord(next)) {
      node = next;
      return;
    }
    const child: Record<string, unknown> = {};
    node[key] = child;
    node = child;
  });
}

function goldCell(
  cell: string,
  json: boolean,
  where: { file: string; line: number; field: string },
): unknown {
  if (cell.trim() === "") return cell === "" || json ? null : cell;
  if (!json) return cell;
  return parseJsonCell(
    cell,
    where,
    'a list or object field\'s cell holds JSON such as ["peanuts"] or {"name": "Sato"} (CSV-quote the cell and double its quotes)',
  );
}

// A cell like `[{"speaker": ...}]` (or `[]`) is a list of turns; `[00:01] Agent: hi` is text.
const TURNS_JSON = /^\s*\[\s*[{\]]/;

/**
 * Cells stay strings: a `gold.<field>` cell of "4" is the string "4", not the number 4
 * (the matchers normalise both sides), and an empty cell is null (the expected value is
 * "nothing said"). A `gold.<field>` cell of a list or object field (`jsonGold`) is JSON,
 * since a list as text would be one string. A `gold` column holds a JSON object as written, types included.
 */
export function recordToRow(
  plan: ColumnPlan,
  cells: readonly string[],
  file: string,
  line: number,
  jsonGold: ReadonlySet<string> = new Set(),
): unknown {
  const cell = (index: number): string => cells[index] ?? "";
  const transcriptCell = cell(plan.transcript);
  const row: Record<string, unknown> = {
    id: cell(plan.id),
    transcript: TURNS_JSON.test(transcriptCell)
      ? parseJsonCell(
          transcriptCell,
          { file, line, field: "transcript" },
          'a cell starting with "[{" must be a JSON list of turns; otherwise write plain text',
        )
      : transcriptCell,
  };
  if (plan.audio !== undefined && cell(plan.audio) !== "") row.audio = cell(plan.audio);
  if (plan.gold !== undefined && cell(plan.gold).trim() !== "") {
    row.gold = parseJsonCell(
      cell(plan.gold),
      { file, line, field: "gold" },
      'write a JSON object such as {"name": "Sato"} (CSV-quote the cell and double its quotes), or leave it empty',
    );
  }
  if (plan.goldFields.length > 0) {
    const gold: Record<string, unknown> = {};
    for (const { index, path } of plan.goldFields) {
      const name = path.join(".");
      setPath(gold, path, goldCell(cell(index), jsonGold.has(name), { file, line, field: `gold.${name}` }));
    }
    row.gold = gold;
  }
  const meta: Record<string, unknown> = {};
  for (const { index, name } of plan.meta) meta[name] = cell(index);
  row.meta = meta;
  return row;
}
