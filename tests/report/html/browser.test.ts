// report.html opened in a real browser: the charts render, the script runs under its CSP, hostile data stays text.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../../src/report/html/index.js";
import { chromium, chromiumMissing, pageProblems } from "./chromium.js";
import { hostileReport } from "./hostile.js";
import { hostileVoiceReport } from "./hostile-voice.js";

describe("report.html in headless Chromium", () => {
  let dir: string;
  let file: string;

  beforeAll(() => {
    const missing = chromiumMissing();
    expect(missing, missing).toBeUndefined();
    dir = mkdtempSync(path.join(tmpdir(), "cg-report-"));
    file = path.join(dir, "report.html");
    writeFileSync(file, renderHtml(hostileReport()));
  });

  async function dom(hash = ""): Promise<string> {
    const run = await chromium(["--dump-dom", `${pathToFileURL(file).href}${hash}`]);
    expect(run.timedOut, "Chromium did not finish within 30 s").toBe(false);
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    expect(pageProblems(run.stderr), "console errors or CSP violations").toEqual([]);
    return run.stdout;
  }

  it("draws every chart and a heat-map cell per model pair", async () => {
    const page = await dom();
    expect(page.match(/<svg class="chart"/g)?.length).toBe(7);
    expect(page.match(/<g class="cell[ "]/g)?.length).toBe(16);
    expect(page.match(/<rect class="bar"/g)?.length ?? 0).toBeGreaterThan(40);
  });

  it("shows hostile transcripts and values as text, and nothing in them runs", async () => {
    const page = await dom();
    const title = /<title>([^<]*)<\/title>/.exec(page)?.[1] ?? "";
    // The suite name is in the title as text; a payload that ran would have replaced the whole title.
    expect(title).not.toBe("pwned");
    expect(title.startsWith("✗ gate fail · support &lt;script&gt;document.title=")).toBe(true);
    expect(page).not.toContain('id="pwned"');
    expect(page).not.toMatch(/<img/i);
    expect(page).not.toMatch(/<svg onload/i);
    expect(page.match(/<script/g)?.length).toBe(2);
    expect(page.match(/<style/g)?.length).toBe(1);
    expect(page).toContain("Hello &lt;script&gt;document.title='pwned'");
    expect(page).toContain("&lt;img src=x onerror=");
    expect(page).toContain("&lt;/script&gt;&lt;script&gt;");
    // Provider messages and made-up enum values, in their own sections, are text too.
    expect(page).toContain('<section id="errors"');
    expect(page).toContain('<section id="confusion"');
    expect(page).toContain('<th scope="row">&lt;script&gt;document.title=');
    // Slices, reviewer notes and settled values, each drawn by the browser with its hostile text as text.
    const section = (id: string) =>
      page.slice(
        page.indexOf(`<section id="${id}"`),
        page.indexOf("</section>", page.indexOf(`<section id="${id}"`)),
      );
    expect(section("slices")).toContain("&lt;script&gt;document.title=");
    expect(section("slices")).toContain("&lt;img src=x onerror=");
    expect(section("review")).toContain("eve&lt;img src=x onerror=");
    expect(section("review")).toContain("&lt;/script&gt;&lt;script&gt;");
    expect(section("disagreements")).toContain("settled by mallory");
    expect(section("disagreements")).toMatch(/class="v contested" title="reviewers disagree: [^"]*, bob"/);
  });

  it("runs its own script under the CSP: rows start collapsed and the address filters the table", async () => {
    const plain = await dom();
    expect(plain).toMatch(/<html lang="en" class="js">/);
    expect(plain.match(/<tr class="detail" id="d\d+" hidden="">/g)?.length).toBe(20);
    expect(plain).toContain('<output id="dc" aria-live="polite">20 of 20</output>');
    // Whitfield is only in one English call's transcript; NFKC and case folding let "WHITFIELD" find it.
    const filtered = await dom("#q=%EF%BC%B7HITFIELD&reason=disagreement");
    expect(filtered).toContain('<output id="dc" aria-live="polite">2 of 20</output>');
    expect(filtered.match(/<tbody class="dis"[^>]*hidden=""/g)?.length).toBe(18);
  });

  it("takes a screenshot that is more than a blank page", async () => {
    const png = path.join(dir, "report.png");
    const run = await chromium([
      "--hide-scrollbars",
      `--screenshot=${png}`,
      "--window-size=1280,2400",
      pathToFileURL(file).href,
    ]);
    expect(run.timedOut, "Chromium did not finish within 30 s").toBe(false);
    expect(pageProblems(run.stderr)).toEqual([]);
    expect(existsSync(png)).toBe(true);
    expect(statSync(png).size).toBeGreaterThan(20_000);
    // CI can keep the picture as an artifact.
    const keep = process.env.CALLGRADE_SCREENSHOT_DIR;
    if (keep) {
      mkdirSync(keep, { recursive: true });
      copyFileSync(png, path.join(keep, "report-hostile.png"));
    }
  });
});

describe("report.html with the voice stage and robustness, in headless Chromium", () => {
  let file: string;

  beforeAll(() => {
    const missing = chromiumMissing();
    expect(missing, missing).toBeUndefined();
    file = path.join(mkdtempSync(path.join(tmpdir(), "cg-report-voice-")), "report.html");
    writeFileSync(file, renderHtml(hostileVoiceReport()));
  });

  it("draws both sections under the CSP, with hostile ids as text and no console errors", async () => {
    const run = await chromium(["--dump-dom", pathToFileURL(file).href]);
    expect(run.timedOut, "Chromium did not finish within 30 s").toBe(false);
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    expect(pageProblems(run.stderr), "console errors or CSP violations").toEqual([]);
    const page = run.stdout;
    expect(page).toMatch(/<html lang="en" class="js">/);
    // The seven charts of the report, the recognisers' error rates, one penalty pair, robustness and two fields.
    expect(page.match(/<svg class="chart"/g)?.length).toBe(12);
    expect(page).toContain('<section id="voice"');
    expect(page).toContain('<section id="robustness"');
    expect(page.match(/<path class="line"/g)?.length).toBe(2 + 3);
    expect(page).not.toContain('id="pwned"');
    expect(page).not.toMatch(/<img|<svg onload/i);
    expect(page.match(/<script/g)?.length).toBe(2);
    expect(page).toContain("whisper&lt;script&gt;document.title='pwned'");
  });
});
