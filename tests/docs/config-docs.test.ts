// docs/configuration.md is generated from the config schema and its JSDoc, so it cannot drift from them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_DOCS, configDocs, documentSchema } from "../../scripts/config-docs.js";
import { undocumentedSchema, wrongDefaultSchema } from "../fixtures/config-docs/schema.js";

const FIXTURE = "tests/fixtures/config-docs/schema.ts";

describe("docs/configuration.md", () => {
  const generated = configDocs();

  it("is what the schema and its JSDoc generate", () => {
    const committed = readFileSync(CONFIG_DOCS, "utf8");
    expect(
      committed === generated.markdown,
      "docs/configuration.md is out of date: run `npx tsx scripts/config-docs.ts --write`",
    ).toBe(true);
  });

  /** The trimmed cells of every table row whose first cell is `key`. */
  const rows = (key: string) =>
    generated.markdown
      .split("\n")
      .map((line) =>
        line
          .split("|")
          .slice(1, -1)
          .map((cell) => cell.trim()),
      )
      .filter((cells) => cells[0] === key);

  it("describes every option of the runtime schema", () => {
    expect(generated.undocumented, "add a JSDoc comment to each of these options").toEqual([]);
    for (const option of ["maxTranscriptChars", "phoneRegion", "leaseMinutes", "hmm", "cachedInputPerMTok"])
      expect(rows(`\`${option}\``), option).toHaveLength(1);
  });

  it("shows the schema's own types and defaults", () => {
    expect(rows("`concurrency`")[0]?.slice(1, 3)).toEqual(["integer ≥ 1", "`16`"]);
    expect(rows("`maxDrop`")[0]?.slice(1, 3)).toEqual(["number from 0 to 1", "`0.02`"]);
    expect(rows("`mode`").map((cells) => cells.slice(1, 4))).toEqual([
      ["openai", '`"json_schema"`, `"json_object"`, `"text"`', '`"json_schema"`'],
      ["anthropic", '`"tool"`, `"text"`', '`"tool"`'],
    ]);
  });

  it("names an option without a description, even one reached through a spread", () => {
    const docs = documentSchema(undocumentedSchema, FIXTURE, "undocumentedSchema", "Fixture");
    expect(docs.undocumented).toEqual([`missing (${FIXTURE}:7)`, `nested.deep (${FIXTURE}:14)`]);
  });

  it("refuses a @default the schema contradicts", () => {
    expect(() => documentSchema(wrongDefaultSchema, FIXTURE, "wrongDefaultSchema", "Fixture")).toThrow(
      "count: its JSDoc says @default 3, but the schema's default is 4",
    );
  });
});
