// A store write the disk refuses becomes one StorageError (exit 4) naming the store and how to go on; any
// other error passes through untouched.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CallgradeError, StorageError, storageFailure } from "../../src/core/errors.js";
import { Store } from "../../src/store/index.js";
import { guardStorage } from "../../src/store/storage-guard.js";
import { runRecord } from "../helpers/run-record.js";

const failing =
  (code: string, message = "disk trouble") =>
  () => {
    throw Object.assign(new Error(message), { code });
  };

function storeWithRun(status: "running" | "finished"): Store {
  const store = Store.open(path.join(mkdtempSync(path.join(tmpdir(), "cg-guard-")), "callgrade.db"));
  store.runs.create(runRecord({ configFile: null, models: [{ id: "m", provider: "replay" }] }), []);
  if (status === "finished") store.runs.finish("r1", "finished");
  return store;
}

describe("a disk that fails under the store", () => {
  it("a full disk under an unfinished run: exit 4, the store named, and the command that resumes it", () => {
    const store = storeWithRun("running");
    const error = (() => {
      try {
        return guardStorage(store.db, "r1", failing("SQLITE_FULL", "database or disk is full"));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toBeInstanceOf(CallgradeError);
    expect(error).toMatchObject({ code: "STORAGE", exitCode: 4, next: { args: ["run", "--resume", "r1"] } });
    expect((error as Error).message).toBe(
      `${store.file}: cannot write to the store: the disk is full (SQLITE_FULL); what was stored is intact. Free space on it, then resume with: npx callgrade run --resume r1`,
    );
    store.close();
  });

  it("under a finished run, a review or a run not yet created: the same command is run again", () => {
    const store = storeWithRun("finished");
    for (const runId of ["r1", undefined, "no-such-run"]) {
      expect(() => guardStorage(store.db, runId, failing("SQLITE_IOERR_WRITE"))).toThrow(
        /cannot write to the store: the disk failed to read or write \(SQLITE_IOERR_WRITE\); what was stored is intact\. Check the disk, then run the same command again$/,
      );
    }
    expect(() => guardStorage(store.db, undefined, failing("SQLITE_READONLY_DBMOVED"))).toThrow(
      /it is read-only \(SQLITE_READONLY_DBMOVED\).*Make it writable, then run the same command again$/,
    );
    store.close();
  });

  it("any other error passes through as it was: a bug stays a bug, a busy store stays busy", () => {
    const store = storeWithRun("running");
    for (const code of ["SQLITE_BUSY", "SQLITE_CONSTRAINT_UNIQUE", "ENOENT"]) {
      expect(() => guardStorage(store.db, "r1", failing(code, `raw ${code}`))).toThrow(
        expect.objectContaining({ code, message: `raw ${code}` }),
      );
    }
    const bug = new TypeError("x is undefined");
    expect(() =>
      guardStorage(store.db, "r1", () => {
        throw bug;
      }),
    ).toThrow(bug);
    expect(guardStorage(store.db, "r1", () => 42)).toBe(42);
    store.close();
  });

  it("file-system codes read the same way as SQLite's", () => {
    const kind = (code: string) => storageFailure(Object.assign(new Error(code), { code }))?.kind;
    expect(["ENOSPC", "EDQUOT", "SQLITE_FULL"].map(kind)).toEqual(["full", "full", "full"]);
    expect(["EROFS", "SQLITE_READONLY"].map(kind)).toEqual(["read-only", "read-only"]);
    expect(["EIO", "SQLITE_IOERR", "SQLITE_IOERR_FSYNC"].map(kind)).toEqual([
      "failing",
      "failing",
      "failing",
    ]);
    expect(["EACCES", "SQLITE_CORRUPT", "SQLITE_IOERRX"].map(kind)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(storageFailure("ENOSPC")).toBeUndefined();
  });
});
