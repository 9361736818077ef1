import { describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import type { Handlers } from "../../src/cli/program.js";

function fakes(code = 0) {
  return {
    run: vi.fn<Handlers["run"]>(async () => code),
    report: vi.fn<Handlers["report"]>(async () => code),
    init: vi.fn<Handlers["init"]>(async () => code),
    review: vi.fn<Handlers["review"]>(async () => code),
    exportGold: vi.fn<Handlers["exportGold"]>(async () => code),
    gate: vi.fn<Handlers["gate"]>(async () => code),
    compare: vi.fn<Handlers["compare"]>(async () => code),
    baseline: vi.fn<Handlers["baseline"]>(async () => code),
    perturb: vi.fn<Handlers["perturb"]>(async () => code),
    runs: vi.fn<Handlers["runs"]>(async () => code),
    batches: vi.fn<Handlers["batches"]>(async () => code),
    storeCopy: vi.fn<Handlers["storeCopy"]>(async () => code),
  };
}

const argv = (...args: string[]) => ["node", "callgrade", ...args];

describe("the command line", () => {
  it("passes run --batch and --no-wait, and batches its run", async () => {
    const handlers = fakes();
    expect(await main(argv("run", "--batch", "--no-wait"), handlers)).toBe(0);
    expect(handlers.run.mock.calls[0]?.[0]).toMatchObject({ batch: true, wait: false });
    expect(await main(argv("run", "--resume"), handlers)).toBe(0);
    expect(handlers.run.mock.calls[1]?.[0]).toMatchObject({ resume: true, wait: true });
    expect(handlers.run.mock.calls[1]?.[0]).not.toHaveProperty("batch");
    expect(await main(argv("batches", "run-1", "--json"), handlers)).toBe(0);
    expect(handlers.batches).toHaveBeenCalledWith("run-1", expect.objectContaining({ json: true }));
  });

  it("passes store copy its two stores", async () => {
    const handlers = fakes();
    expect(await main(argv("store", "copy", "a.db", "postgres://h/db"), handlers)).toBe(0);
    expect(handlers.storeCopy).toHaveBeenCalledWith("a.db", "postgres://h/db");
  });

  it("parses run flags into typed values", async () => {
    const handlers = fakes();
    const code = await main(
      argv(
        "run",
        "--config",
        "s.ts",
        "--models",
        "a, b",
        "--limit",
        "5",
        "--concurrency",
        "4",
        "--repeat",
        "3",
        "--out",
        "o",
        "--store",
        "x.db",
        "--no-cache",
      ),
      handlers,
    );
    expect(code).toBe(0);
    expect(handlers.run).toHaveBeenCalledWith({
      config: "s.ts",
      models: ["a", "b"],
      limit: 5,
      concurrency: 4,
      repeat: 3,
      out: "o",
      store: "x.db",
      cache: false,
      wait: true,
    });
  });

  it("parses runs flags: a positive --limit, --suite and --json", async () => {
    const handlers = fakes();
    await main(argv("runs", "--store", "x.db", "--suite", "s", "--limit", "3", "--json"), handlers);
    expect(handlers.runs).toHaveBeenCalledWith({ store: "x.db", suite: "s", limit: 3, json: true });
    expect(await main(argv("runs", "--limit", "0"), handlers)).toBe(2);
  });

  it("uses the cache unless --no-cache is given", async () => {
    const handlers = fakes();
    await main(argv("run"), handlers);
    expect(handlers.run.mock.calls[0]?.[0]).toEqual({ cache: true, wait: true });
  });

  it("passes the handler's exit code through", async () => {
    expect(await main(argv("run"), fakes(3))).toBe(3);
  });

  it("passes the run id and flags to report", async () => {
    const handlers = fakes();
    await main(argv("report", "20261130-1", "--out", "r"), handlers);
    expect(handlers.report).toHaveBeenCalledWith("20261130-1", { out: "r" });
  });

  it("passes review and export-gold flags", async () => {
    const handlers = fakes();
    await main(
      argv("review", "--run", "r1", "--reviewer", "ann", "--field", "date", "--model", "m", "--shuffle"),
      handlers,
    );
    expect(handlers.review).toHaveBeenCalledWith({
      run: "r1",
      reviewer: "ann",
      field: "date",
      model: "m",
      shuffle: true,
    });
    await main(argv("export-gold", "--out", "g.jsonl", "--store", "s.db"), handlers);
    expect(handlers.exportGold).toHaveBeenCalledWith({ out: "g.jsonl", store: "s.db" });
  });

  it("passes gate, compare and baseline arguments", async () => {
    const handlers = fakes();
    await main(argv("gate", "--baseline", "b.json", "--junit", "j.xml", "--strict", "--run", "r2"), handlers);
    expect(handlers.gate).toHaveBeenCalledWith({
      baseline: "b.json",
      junit: "j.xml",
      strict: true,
      run: "r2",
    });
    await main(argv("compare", "r1", "r2"), handlers);
    expect(handlers.compare).toHaveBeenCalledWith("r1", "r2", {});
    await main(argv("baseline", "r1", "--out", "base.json"), handlers);
    expect(handlers.baseline).toHaveBeenCalledWith("r1", { out: "base.json" });
    await main(argv("run", "--save-baseline"), handlers);
    expect(handlers.run).toHaveBeenLastCalledWith({ cache: true, wait: true, saveBaseline: true });
  });

  it("rejects a bad number with exit code 2 and no handler call", async () => {
    const handlers = fakes();
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await main(argv("run", "--limit", "zero"), handlers)).toBe(2);
    expect(await main(argv("frobnicate"), handlers)).toBe(2);
    stderr.mockRestore();
    expect(handlers.run).not.toHaveBeenCalled();
  });

  it("answers --help with exit code 0", async () => {
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    expect(await main(argv("run", "--help"), fakes())).toBe(0);
    stdout.mockRestore();
  });
});
