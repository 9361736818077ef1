import { copyStore } from "../../api/store-copy.js";
import { say } from "../output.js";

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** `callgrade store copy FROM TO`: says what was copied, what was there already, and that it checked out. */
export async function storeCopyCommand(from: string, to: string): Promise<number> {
  const { copied, checked, ...where } = await copyStore(from, to);
  const lines = [
    `copied ${count(copied.runs, "run")} (${count(copied.calls, "call")}, ${count(copied.grades, "grade")}) and ${count(copied.cache, "cache row")} from ${where.from} to ${where.to}`,
  ];
  if (copied.skipped.length > 0)
    lines.push(
      `left ${count(copied.skipped.length, "run")} ${where.to} holds already: ${copied.skipped.join(", ")}`,
    );
  if (checked.length > 0)
    lines.push(`checked: each run's rows match on both sides, and scoring both gives the same summary`);
  say(`${lines.join("\n")}\n`);
  return 0;
}
