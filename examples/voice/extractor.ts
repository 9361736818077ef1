// The voice demo's "model": rule-based extraction from the transcript in the prompt, so it runs offline and
// deterministically, and a word the recogniser got wrong costs it the field, as it would cost a real model.
import { findIntent, findName, findPartySize } from "./extractor/caller.js";
import { findDate, parseCallDate } from "./extractor/date.js";
import { findPhone } from "./extractor/phone.js";
import { findTime } from "./extractor/time.js";
import { tokenise } from "./extractor/words.js";
import type { VoiceBookingRecord } from "./schema.js";

/** The schema's record: what the suite validates and scores. */
export type VoiceRecord = VoiceBookingRecord;

/** Reads one transcript; `callDate` (YYYY-MM-DD) resolves "next Friday" and gives "March fifth" its year. */
export function extract(transcript: string, callDate?: string): VoiceRecord {
  const tokens = tokenise(callerSide(transcript));
  const { phone, spans } = findPhone(tokens);
  return {
    caller_name: findName(tokens),
    phone,
    party_size: findPartySize(tokens, spans),
    date: findDate(tokens, parseCallDate(callDate)),
    time: findTime(tokens, spans),
    intent: findIntent(tokens),
  };
}

/**
 * A transcript of turns ("agent: ...", "caller: ...") is read on the caller's side only, so the agent's
 * "this is Sam speaking" is not taken for the caller's name; plain text is read whole.
 */
function callerSide(transcript: string): string {
  const lines = transcript.split("\n");
  const turns = lines.map((line) => line.match(/^\s*(agent|caller|customer|staff)\s*:\s*(.*)$/iu));
  if (turns.some((turn) => turn === null)) return transcript;
  const caller = turns.filter(
    (turn) => turn?.[1]?.toLowerCase() !== "agent" && turn?.[1]?.toLowerCase() !== "staff",
  );
  return caller.map((turn) => turn?.[2] ?? "").join("\n");
}

/** The per-case part of the prompt (prompt.md): "Call date: ..." and the <transcript> block. */
export function readPrompt(user: string): { transcript: string; callDate?: string } {
  const open = user.indexOf("<transcript>");
  const close = user.lastIndexOf("</transcript>");
  if (open < 0 || close < open) {
    throw new Error(
      "the prompt has no <transcript>...</transcript> block; keep it in examples/voice/prompt.md",
    );
  }
  const transcript = user.slice(open + "<transcript>".length, close).trim();
  const callDate = user.match(/^Call date:\s*(\S+)/mu)?.[1];
  return callDate === undefined ? { transcript } : { transcript, callDate };
}

/** The custom model: callgrade calls it once per case and transcript with the rendered prompt. */
export default function rules({ user }: { user: string }): VoiceRecord {
  const { transcript, callDate } = readPrompt(user);
  return extract(transcript, callDate);
}
