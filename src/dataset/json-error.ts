// Makes V8's JSON.parse errors short and locatable.

/** The reason without V8's echo of the input (which can be a whole 20 MB line). */
export function jsonReason(error: unknown): string {
  // A parser that recurses (not V8's today) runs out of stack on deep input: say so, not "invalid".
  if (error instanceof RangeError) return "nested too deeply to read";
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/, (\.\.\.)?".*" is not valid JSON$/s, "")
    .replace(/ in JSON at position \d+.*$/s, "");
}

/** 1-based column of a JSON.parse error in `text`, when V8 says where. */
export function jsonColumn(error: unknown, text: string): number | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return Number(position) + 1;
  if (message.includes("end of JSON input")) return text.trimEnd().length + 1;
  return undefined;
}
