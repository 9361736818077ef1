// Untrusted text (transcripts, model outputs, provider messages) shown on a terminal must not drive it.

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point
const OSC = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point
const CSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: C0/C1 controls (but tab and newline) and bidi overrides
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

// biome-ignore lint/suspicious/noControlCharactersInRegex: the same characters, to test for any at once
const ANY = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Removes terminal control sequences, control characters and bidi overrides. */
export function inert(text: string): string {
  // Every sequence starts with a control character (ESC): most text has none, and is returned as it is.
  if (!ANY.test(text)) return text;
  return text.replace(OSC, "").replace(CSI, "").replace(CONTROLS, "");
}
