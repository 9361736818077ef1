// Rows no real dataset has, but a hostile or corrupted one does: one clear error naming file, line and field.
import { describe, expect, it } from "vitest";
import { loadDataset } from "../../src/dataset/index.js";
import { loadError, tempFile } from "./helpers.js";

const NOT_TEXT =
  "is not well-formed Unicode text (a lone surrogate such as \\ud800); fix or remove the escape";
// Rows as written in a file: JSON escapes, since UTF-8 itself cannot hold a lone surrogate.
const C1 = '{"id":"c1","transcript":"hi"}';

async function messageFor(name: string, lines: string[]): Promise<string> {
  const file = tempFile(name, `${lines.join("\n")}\n`);
  return (await loadError(file)).message.slice(file.length);
}

describe("hostile dataset rows", () => {
  it("a lone surrogate anywhere in a row's text is refused, naming the field", async () => {
    expect(await messageFor("a.jsonl", [C1, '{"id":"c\\ud800","transcript":"hi"}'])).toBe(
      `:2: id: ${NOT_TEXT}`,
    );
    expect(await messageFor("b.jsonl", [C1, '{"id":"c2","transcript":"hi \\udc00"}'])).toBe(
      `:2: transcript: ${NOT_TEXT}`,
    );
    expect(await messageFor("c.jsonl", ['{"id":"c2","transcript":"hi","gold":{"name":"\\ud800"}}'])).toBe(
      `:1: gold.name: ${NOT_TEXT}`,
    );
    expect(await messageFor("d.jsonl", ['{"id":"c2","transcript":"hi","meta":{"k\\udbff":"v"}}'])).toBe(
      ":1: meta: has a key that is not well-formed Unicode text (a lone surrogate such as \\ud800); fix or remove the escape",
    );
  });

  it("a CSV cell can hold a lone surrogate only as a JSON escape, and is refused the same way", async () => {
    const csv = 'id,transcript\nc1,"[{""speaker"":""a\\ud800"",""text"":""hi""}]"\n';
    const file = tempFile("e.csv", csv);
    expect((await loadError(file)).message).toBe(`${file}:2: transcript[0].speaker: ${NOT_TEXT}`);
  });

  it("a row nested deeper than 256 levels is refused; one within the limit loads", async () => {
    const deep = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
    // The row is level 1 and meta level 2, so its list may nest 254 more.
    const ok = tempFile("ok.jsonl", `{"id":"c1","transcript":"hi","meta":{"x":${deep(254)}}}\n`);
    expect(await loadDataset(ok)).toHaveLength(1);
    expect(await messageFor("f.jsonl", [`{"id":"c1","transcript":"hi","meta":{"x":${deep(255)}}}`])).toBe(
      ":1: meta: is nested deeper than 256 levels, the most callgrade reads; flatten it or remove the row",
    );
  });

  it("a number too large for a double is refused: JSON would store it as null", async () => {
    expect(await messageFor("h.jsonl", ['{"id":"c1","transcript":"hi","gold":{"size":-1e400}}'])).toBe(
      ":1: gold.size: is a number too large to hold (it reads as Infinity, and would be stored as null); write it as a string",
    );
  });

  it("emoji, NUL bytes and very long ids are text, and load as written", async () => {
    const id = "😀".repeat(100_000);
    const file = tempFile("g.jsonl", `${JSON.stringify({ id, transcript: "a\u0000b 👍" })}\n`);
    const [loaded] = await loadDataset(file);
    expect(loaded).toMatchObject({ id, transcript: "a\u0000b 👍" });
  });
});
