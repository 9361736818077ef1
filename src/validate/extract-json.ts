// Finds the JSON object in a model's text: bare JSON, a fenced block, or the first balanced object.

export type Extracted =
  | { ok: true; value: unknown }
  | { ok: false; reason: "no_json" | "invalid_json"; message: string };

const FENCE = /```(?:json|JSON|jsonc)?[ \t]*\r?\n([\s\S]*?)```/;

export function extractJson(text: string): Extracted {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, reason: "no_json", message: "the output is empty" };
  const direct = tryParse(trimmed);
  if (direct.ok) return direct;

  const fenced = FENCE.exec(trimmed)?.[1];
  if (fenced !== undefined) {
    const parsed = tryParse(fenced.trim());
    if (parsed.ok) return parsed;
  }

  const start = trimmed.indexOf("{");
  if (start === -1) return { ok: false, reason: "no_json", message: "no JSON object in the output" };
  const end = balancedEnd(trimmed, start);
  if (end === -1)
    return { ok: false, reason: "invalid_json", message: "the JSON object is never closed (truncated?)" };
  const parsed = tryParse(trimmed.slice(start, end + 1));
  if (parsed.ok) return parsed;
  return { ok: false, reason: "invalid_json", message: parsed.message };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Index of the `}` closing the object that opens at `start`, honouring strings and escapes; -1 if none. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{") depth++;
    else if (char === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
