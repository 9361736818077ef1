import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";
import { CallgradeError } from "../../src/core/errors.js";
import { type DatasetOptions, loadDataset } from "../../src/dataset/index.js";

const fixtures = fileURLToPath(new URL("../fixtures/datasets/", import.meta.url));

export const good = (name: string): string => join(fixtures, "good", name);
export const bad = (name: string): string => join(fixtures, "bad", name);

/** The CallgradeError that loading `file` fails with; fails the test if it loads. */
export async function loadError(file: string, options?: DatasetOptions): Promise<CallgradeError> {
  try {
    await loadDataset(file, options);
  } catch (error) {
    if (error instanceof CallgradeError) return error;
    throw error;
  }
  throw new Error(`expected ${file} to be rejected`);
}

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes a file into a fresh temp dir, removed after the test. */
export function tempFile(name: string, content: string | Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "callgrade-dataset-"));
  made.push(dir);
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}
