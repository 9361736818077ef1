import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { Checkpointer } from "../../src/store/checkpointer.js";
import { Store } from "../../src/store/index.js";

const dirs: string[] = [];
const place = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "cg-checkpoint-"));
  dirs.push(dir);
  return path.join(dir, "store.db");
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes about `mb` megabytes through the store's own connection, a commit per 100 KB. */
function write(store: Store, mb: number): void {
  store.db.exec("CREATE TABLE IF NOT EXISTS filler (body TEXT)");
  const insert = store.db.prepare("INSERT INTO filler (body) VALUES (?)");
  const commit = store.db.transaction(() => {
    for (let i = 0; i < 100; i++) insert.run("x".repeat(1_000));
  });
  for (let i = 0; i < mb * 10; i++) commit();
}

describe("checkpointing in the background", () => {
  it("copies the log into the file from its own thread while the store's connection only appends", async () => {
    const file = place();
    const store = Store.open(file);
    store.checkpointInBackground();
    expect(store.db.prepare("PRAGMA wal_autocheckpoint").pluck().get()).toBe(0);
    const before = statSync(file).size;
    write(store, 8);
    // Nothing but the thread copies pages now: the file grows by what was written, the log stops growing.
    for (let waited = 0; statSync(file).size - before < 7_000_000 && waited < 5_000; waited += 20)
      await pause(20);
    expect(statSync(file).size - before).toBeGreaterThan(7_000_000);
    store.close();
    // Closed, the file alone holds the store: no log is left, and a copy of the file has every row.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const copy = path.join(path.dirname(file), "copy.db");
    copyFileSync(file, copy);
    const read = new Database(copy, { readonly: true });
    expect(read.prepare("SELECT COUNT(*) FROM filler").pluck().get()).toBe(8_000);
    read.close();
  });

  it("copies nothing while little of the log is left to copy, reading how much from the wal-index", async () => {
    const file = place();
    const store = Store.open(file);
    store.checkpointInBackground();
    const before = statSync(file).size;
    // About 25 pages: under the 256 the thread waits for. Were the header unreadable, it would copy them.
    store.db.exec("CREATE TABLE filler (body TEXT)");
    const insert = store.db.prepare("INSERT INTO filler (body) VALUES (?)");
    for (let i = 0; i < 20; i++) insert.run("x".repeat(4_000));
    await pause(200);
    expect(statSync(file).size).toBe(before);
    store.close();
    // Closing copies them all the same.
    expect(statSync(file).size).toBeGreaterThan(before + 80_000);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it("leaves nothing to copy after close even when the thread had no time to run", () => {
    const file = place();
    const store = Store.open(file);
    store.checkpointInBackground();
    write(store, 2);
    store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const read = new Database(file, { readonly: true });
    expect(read.prepare("SELECT COUNT(*) FROM filler").pluck().get()).toBe(2_000);
    read.close();
  });

  it("gives checkpointing back to the store's connection when its thread cannot open the store", async () => {
    const db = new Database(place());
    db.pragma("journal_mode = WAL");
    const checkpointer = new Checkpointer(db, path.join(path.dirname(place()), "missing", "store.db"));
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    for (
      let waited = 0;
      db.pragma("wal_autocheckpoint", { simple: true }) === 0 && waited < 5_000;
      waited += 20
    )
      await pause(20);
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1_000);
    checkpointer.stop();
    db.close();
  });

  it("is nothing for a store in memory", () => {
    const store = Store.open(":memory:");
    store.checkpointInBackground();
    expect(store.db.prepare("PRAGMA wal_autocheckpoint").pluck().get()).toBe(1_000);
    store.close();
  });
});
