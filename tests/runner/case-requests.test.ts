// The rendered-case cache of a run: bounded, let go when a case's calls are done, rendered again when needed.
import { describe, expect, it } from "vitest";
import { CaseRequests, type PreparedCase } from "../../src/runner/case-requests.js";
import { fakeCases, fakePrompt } from "./matrix-fakes.js";

function requests(cases: number, callsPerCase: number, keep: number) {
  const prompt = fakePrompt();
  const prepare = (item: Parameters<typeof prompt.render>[0]): PreparedCase => ({
    rendered: prompt.render(item),
  });
  return { prompt, held: new CaseRequests(fakeCases(cases), prepare, callsPerCase, keep) };
}

describe("CaseRequests", () => {
  it("renders a case once for all the calls that want it while it is held", () => {
    const { prompt, held } = requests(3, 2, 4);
    const first = held.get(1);
    expect(held.get(1)).toBe(first);
    expect(first.rendered.caseId).toBe("c1");
    expect(prompt.renders).toBe(1);
  });

  it("lets a case go once every one of its calls is done", () => {
    const { held } = requests(3, 2, 4);
    held.get(0);
    held.done(0);
    expect(held.held).toBe(1);
    held.done(0);
    expect(held.held).toBe(0);
  });

  it("holds no more than it may, and renders a case let go again, to the same strings", () => {
    const { prompt, held } = requests(100, 3, 5);
    const first = held.get(0);
    for (let i = 1; i < 100; i++) {
      held.get(i);
      expect(held.held).toBeLessThanOrEqual(5);
    }
    const again = held.get(0);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(prompt.renders).toBe(101);
  });
});
