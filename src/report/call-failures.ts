// Why calls failed, as the console prints it: per model and error kind, the count and the provider's first
// distinct messages, made inert (they are untrusted text) and kept to one line each.
import { inert } from "../core/inert.js";
import type { CallFailure, RunSummary } from "../core/summary.js";

/** A message on one line: tabs and line breaks become spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** "bad_request ×3: "msg" · "msg"", with each piece of untrusted text passed through `text`. */
export function failureText(failure: CallFailure, text: (s: string) => string): string {
  const messages = failure.messages.map((message) => `"${text(oneLine(message))}"`);
  return `${text(failure.kind)} ×${failure.count}${messages.length > 0 ? `: ${messages.join(" · ")}` : ""}`;
}

/** Lines for the console after the models table; empty when every call was answered. */
export function failureConsoleLines(summary: RunSummary): string[] {
  const lines: string[] = [];
  for (const model of summary.models) {
    for (const failure of model.failures ?? [])
      lines.push(`  ${inert(model.id)} · ${failureText(failure, inert)}`);
  }
  return lines.length === 0 ? [] : ["", "calls without an answer:", ...lines];
}
