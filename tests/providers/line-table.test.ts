import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hashOf, LineTable } from "../../src/providers/line-table.js";
import { createReplayProvider } from "../../src/providers/replay.js";
import { completionRequest } from "../helpers/completion-request.js";

/** Two different ids with the same 32-bit hash, found by a birthday search (~80,000 tries). */
function collidingIds(): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const id = `case-${i}`;
    const other = seen.get(hashOf(id));
    if (other !== undefined) return [other, id];
    seen.set(hashOf(id), id);
  }
}

describe("LineTable", () => {
  it("finds every row among many, and offers each row whose id hashes alike", () => {
    const table = new LineTable();
    for (let i = 0; i < 5_000; i++) table.add(`c${i}`, i * 100, 99);
    expect(table.size).toBe(5_000);
    expect([...table.candidates("c4321")]).toEqual([{ offset: 432_100, length: 99 }]);
    expect([...table.candidates("c5000")]).toEqual([]);
    const [a, b] = collidingIds();
    table.add(a, 1, 2);
    table.add(b, 3, 4);
    expect([...table.candidates(b)]).toEqual([
      { offset: 1, length: 2 },
      { offset: 3, length: 4 },
    ]);
  });

  it("replay tells apart ids whose hashes collide, and still catches a real duplicate among them", async () => {
    const dir = await mkdtemp(join(tmpdir(), "callgrade-lines-"));
    try {
      const [a, b] = collidingIds();
      const file = join(dir, "replay.jsonl");
      await writeFile(
        file,
        `${JSON.stringify({ id: a, output: { n: 1 } })}\n${JSON.stringify({ id: b, output: { n: 2 } })}\n`,
      );
      const provider = await createReplayProvider({ id: "p", provider: "replay", path: file }, file);
      const signal = new AbortController().signal;
      expect(await provider.complete(completionRequest({ caseId: a }), { signal })).toMatchObject({
        text: '{"n":1}',
      });
      expect(await provider.complete(completionRequest({ caseId: b }), { signal })).toMatchObject({
        text: '{"n":2}',
      });
      expect(await provider.complete(completionRequest({ caseId: "other" }), { signal })).toMatchObject({
        ok: false,
        error: { kind: "missing_case" },
      });
      await provider.close?.();
      const duplicated = join(dir, "dup.jsonl");
      await writeFile(duplicated, [a, b, b].map((id) => JSON.stringify({ id, output: {} })).join("\n"));
      await expect(
        createReplayProvider({ id: "p", provider: "replay", path: duplicated }, duplicated),
      ).rejects.toThrow(`${duplicated}:3: id: duplicate id "${b}"`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
