import { describe, expect, it } from "vitest";
import { loadDataset } from "../../src/dataset/index.js";
import { loadError, tempFile } from "./helpers.js";

const CSV = [
  "id,transcript,gold.allergies,gold.caller,gold.note",
  'c1,hello,"[""peanuts""]","{""name"":""Sato""}","[""kept as text""]"',
  "c2,hello,,,",
].join("\n");

describe("CSV gold.<field> cells of list and object fields", () => {
  it("reads a list or object field's cell as JSON, and leaves every other cell a string", async () => {
    const file = tempFile("calls.csv", `${CSV}\n`);
    const [first, second] = await loadDataset(file, { jsonGoldFields: ["allergies", "caller"] });
    expect(first?.gold).toEqual({
      allergies: ["peanuts"],
      caller: { name: "Sato" },
      note: '["kept as text"]',
    });
    expect(second?.gold).toEqual({ allergies: null, caller: null, note: null });
  });

  it("a list field's cell that is not valid JSON names the file, line and column", async () => {
    const file = tempFile("calls.csv", 'id,transcript,gold.allergies\nc1,hello,"[""peanuts"""\n');
    const error = await loadError(file, { jsonGoldFields: ["allergies"] });
    expect(error.message).toMatch(
      /calls\.csv:2: gold\.allergies: is not valid JSON \(.*\); a list or object field's cell holds JSON such as \["peanuts"\]/,
    );
  });
});
