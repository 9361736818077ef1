// Everything the CLI prints for a person goes through here. Lines carry untrusted text (case ids, values,
// provider messages, file contents): whatever they hold, no escape sequence reaches the terminal raw.
import { inert } from "../core/inert.js";

/** To stdout, made inert. */
export function say(text: string): void {
  process.stdout.write(inert(text));
}

/** To stderr, made inert. */
export function warn(text: string): void {
  process.stderr.write(inert(text));
}
