// The long-call workload's floor, as its own process: openai + @anthropic-ai/sdk + p-limit, nothing stored.
// `node long-bare.mjs REQUESTS.json OPENAI_BASE_URL CONCURRENCY`; prints `{ ok, failed }` as JSON.
// Plain JavaScript, like dist/cli.js, so both sides start the same way.
import { readFileSync } from "node:fs";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import pLimit from "p-limit";

const [file = "", baseURL = "", concurrency = "64"] = process.argv.slice(2);
/** @type {{ api: "openai" | "anthropic", body: Record<string, unknown> }[]} */
const requests = JSON.parse(readFileSync(file, "utf8"));
const options = { apiKey: "sk-bench", maxRetries: 0, timeout: 30_000 };
const openai = new OpenAI({ ...options, baseURL });
const anthropic = new Anthropic({ ...options, baseURL: baseURL.replace(/\/v1$/, "") });
const limit = pLimit(Number(concurrency));
let ok = 0;
let failed = 0;

/** The answer's JSON, read the way each API gives it: message content, or the forced tool's input. */
async function send(request) {
  if (request.api === "openai") {
    const completion = await openai.chat.completions.create(request.body);
    return JSON.parse(completion.choices[0]?.message.content ?? "");
  }
  const message = await anthropic.messages.create(request.body);
  return message.content.find((block) => block.type === "tool_use")?.input;
}

await Promise.all(
  requests.map((request) =>
    limit(async () => {
      try {
        if ((await send(request)) === undefined) failed++;
        else ok++;
      } catch {
        failed++;
      }
    }),
  ),
);
process.stdout.write(`${JSON.stringify({ ok, failed })}\n`);
