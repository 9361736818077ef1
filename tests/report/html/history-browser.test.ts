// The History chart and the aligned transcripts in headless Chromium: drawn under the CSP, hostile ids inert,
// and screenshots of each (kept in CALLGRADE_SCREENSHOT_DIR when set, for a person or CI to look at).
import { copyFileSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../../src/report/html/index.js";
import type { ReportData } from "../../../src/summary/report-data-types.js";
import { chromium, chromiumMissing, pageProblems } from "./chromium.js";
import { historyReport, hostileHistoryReport } from "./fixture-history.js";

let dir: string;

beforeAll(() => {
  const missing = chromiumMissing();
  expect(missing, missing).toBeUndefined();
  dir = mkdtempSync(path.join(tmpdir(), "cg-history-"));
});

function write(name: string, data: ReportData, only?: string): string {
  let html = renderHtml(data);
  // For a screenshot of one section: the page's CSP allows inline styles, and this adds no script.
  if (only) html = html.replace("</head>", `<style>main>section:not(#${only}){display:none}</style></head>`);
  const file = path.join(dir, name);
  writeFileSync(file, html);
  return pathToFileURL(file).href;
}

async function dom(url: string): Promise<string> {
  const run = await chromium(["--dump-dom", url]);
  expect(run.timedOut, "Chromium did not finish within 30 s").toBe(false);
  expect(run.code, run.stderr.slice(-2000)).toBe(0);
  expect(pageProblems(run.stderr), "console errors or CSP violations").toEqual([]);
  return run.stdout;
}

async function screenshot(url: string, name: string, height: number): Promise<void> {
  const png = path.join(dir, name);
  const run = await chromium([
    "--hide-scrollbars",
    `--screenshot=${png}`,
    `--window-size=1280,${height}`,
    url,
  ]);
  expect(run.timedOut).toBe(false);
  expect(pageProblems(run.stderr)).toEqual([]);
  expect(statSync(png).size).toBeGreaterThan(20_000);
  const keep = process.env.CALLGRADE_SCREENSHOT_DIR;
  if (keep) {
    mkdirSync(keep, { recursive: true });
    copyFileSync(png, path.join(keep, name));
  }
}

describe("History and aligned transcripts in headless Chromium", () => {
  it("draws the history chart and table and the aligned calls under the CSP", async () => {
    const page = await dom(write("report.html", historyReport()));
    expect(page).toMatch(/<html lang="en" class="js">/);
    const history = /<section id="history"[\s\S]*?<\/section>/.exec(page)?.[0] ?? "";
    expect(history.match(/<svg class="chart"/g)).toHaveLength(1);
    expect(history.match(/<path class="line"/g)).toHaveLength(3);
    expect(history.match(/<tr[ >]/g)).toHaveLength(13);
    expect(page.match(/<li><details/g)).toHaveLength(4);
    expect(page.match(/<del class="a-del"/g)?.length).toBeGreaterThan(3);
    expect(page.match(/<ins class="a-ins"/g)?.length).toBeGreaterThan(1);
    expect(page.match(/<span class="a-sub"/g)?.length).toBeGreaterThan(3);
  });

  it("keeps hostile run, model, case and recogniser ids and aligned words as text", async () => {
    const page = await dom(write("hostile.html", hostileHistoryReport()));
    expect(page).toContain('<section id="history"');
    expect(page).toContain('<h3 id="aligned">');
    expect(page).not.toContain('id="pwned"');
    expect(page).not.toMatch(/<img|<svg onload/i);
    expect(page.match(/<script/g)?.length).toBe(2);
    expect(page.match(/<style/g)?.length).toBe(1);
    expect(page).toContain("model&lt;script&gt;document.title='pwned'");
  });

  it("takes a screenshot of each section that is more than a blank page", async () => {
    await screenshot(write("history-only.html", historyReport(), "history"), "history.png", 1500);
    // The voice section without its charts: the recognisers' aligned calls are what is left.
    const data = historyReport();
    if (data.summary.asr) data.summary.asr = { ...data.summary.asr, recognisers: [], penalty: [] };
    await screenshot(write("align-only.html", data, "voice"), "align.png", 1000);
  });
});
