import { randomBytes } from "node:crypto";

/** Sortable, readable and unique: `20261130-115803-3fa2`. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${stamp}-${randomBytes(2).toString("hex")}`;
}
