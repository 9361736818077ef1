import type { Turn } from "../core/types.js";

/**
 * Renders a transcript as `speaker: text` lines. A closing delimiter inside the
 * call's own text is defused, so a caller cannot end the transcript block early
 * and speak to the model as the prompt.
 */
export function renderTranscript(transcript: string | Turn[]): string {
  const text =
    typeof transcript === "string"
      ? transcript
      : transcript.map((turn) => `${turn.speaker}: ${turn.text}`).join("\n");
  return text.replace(/<\s*\/\s*transcript\s*>/gi, "</ transcript>");
}
