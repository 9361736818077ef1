// JSONL (one JSON row per line) into Cases, streaming, with file:line:column errors.

import { inputError } from "../core/errors.js";
import type { Case } from "../core/types.js";
import { jsonColumn, jsonReason } from "./json-error.js";
import type { Block } from "./lines.js";
import { rowToCase } from "./row.js";

function parseJsonLine(file: string, line: number, body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw inputError(
      "DATASET_INVALID",
      { file, line, column: jsonColumn(error, body) },
      `invalid JSON (${jsonReason(error)}); each line must hold one complete JSON object, e.g. {"id": "1", "transcript": "..."}`,
    );
  }
}

export async function* readJsonl(
  file: string,
  blocks: AsyncIterable<Block>,
  maxTranscriptChars: number,
): AsyncGenerator<Case> {
  for await (const { firstLine, text } of blocks) {
    const lines = text.split("\n");
    if (text.endsWith("\n")) lines.pop();
    for (const [index, raw] of lines.entries()) {
      const body = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
      if (body.trim() === "") continue;
      const line = firstLine + index;
      yield rowToCase(parseJsonLine(file, line, body), { file, line }, maxTranscriptChars);
    }
  }
}
