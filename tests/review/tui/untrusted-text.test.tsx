import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import type { ReviewCase } from "../../../src/review/types.js";
import { structuredCase } from "./fixtures.js";
import { KEY, mount } from "./screen.js";

afterEach(cleanup);

const ESC = "\u001b";
// Ink's own styling: SGR color/attribute codes only.
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, "g");

const hostile: ReviewCase = {
  runId: "run-1",
  caseId: `case${ESC}]0;owned${ESC}\\-7`,
  overlap: false,
  meta: {},
  transcript: [
    {
      speaker: `cal${ESC}[2Jler`,
      text: `hello ${ESC}[31mRED${ESC}[0m world\rOVERWRITE ${ESC}]8;;http://evil${ESC}\\link${ESC}]8;;${ESC}\\`,
    },
    { speaker: "agent", text: `bidi \u202egnp.exe\u202c and bell\u0007 and ${ESC}[?1049h alt screen` },
    { speaker: "agent", text: `title ${ESC}]2;pwned\u0007 done, cursor ${ESC}[10;10H moved` },
  ],
  fields: [
    {
      itemId: 1,
      field: `na${ESC}[5mme`,
      reason: "invalid",
      match: { kind: "text" },
      answers: [
        { modelId: `m${ESC}[1mA`, value: `Bob${ESC}[8m hidden\r\nsmith` },
        { modelId: "mB", value: "Alice\u202e", invalid: [`name: ${ESC}]52;c;Y2xpcGJvYXJk\u0007copied`] },
      ],
      gold: `Gold${ESC}[7m`,
    },
  ],
};

async function plainFrameHasColors(): Promise<boolean> {
  const { frame, ui } = await mount([structuredCase()]);
  const colored = frame().includes(ESC);
  ui.unmount();
  return colored;
}

function foreignControls(frame: string): string[] {
  const rest = frame.replace(SGR, "");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the test
  return [...rest.matchAll(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g)].map(
    (m) => m[0].codePointAt(0)?.toString(16) ?? "",
  );
}

describe("untrusted text is drawn inert", () => {
  it("a transcript, values, issues and KB full of escape sequences render as plain visible text", async () => {
    const kb = `name rules: ${ESC}[31mred${ESC}[0m names ${ESC}]0;kb-title\u0007 are fine\r`;
    const { frame, type } = await mount([hostile], { knowledgeBase: kb });
    await type("b");
    const screen = frame();
    expect(foreignControls(screen)).toEqual([]);
    // Where Ink draws without colors (as under test), no escape at all may remain: that also
    // catches an injected SGR code, which the SGR-stripping check above would let through.
    if (!(await plainFrameHasColors())) expect(screen).not.toContain(ESC);
    expect(screen).not.toContain("\r");
    expect(screen).not.toContain("\u202e");
    expect(screen).not.toContain("]0;");
    const visible = screen.replace(SGR, "");
    for (const words of [
      "caller: hello RED worldOVERWRITE link",
      "agent: bidi gnp.exe and bell and  alt screen",
      "title  done, cursor  moved",
      "Bob hidden smith",
      "name: copied",
      "case-7",
      "name rules: red names  are fine",
    ]) {
      expect(visible).toContain(words);
    }
    expect(visible).toMatch(/› name/);
    // Messages quote the field name; the last grade leads to the end screen with the reviewer's name.
    await type("2");
    expect(foreignControls(frame())).toEqual([]);
    expect(frame().replace(SGR, "")).toContain("saved ✓ name: mB = Alice");
  });

  it("what a reviewer pastes into the editor is inert too", async () => {
    const { frame, type, ui } = await mount([hostile]);
    await type("n");
    // One chunk, as a paste arrives: a bell, a bidi override and a tab inside.
    ui.stdin.write("no\u0007te\u202e\tsaid");
    await type(KEY.left);
    expect(foreignControls(frame())).toEqual([]);
    expect(frame()).toContain("note on name › note said");
  });
});
