// Commands callgrade prints for the user to run next, written so they work when pasted as printed.

import { shellQuote } from "../core/shell-quote.js";

export { shellQuote };

export interface Where {
  /** --config as the user gave it, if they did. */
  config?: string;
  /** --store as the user gave it, if they did. */
  store?: string;
}

/**
 * `npx callgrade <args>` carrying the --config and --store the user gave (they say which suite and store,
 * relative to the folder the user is in, which is where the command will be pasted), every value quoted.
 */
export function followUp(args: string[], where: Where): string {
  const carried = [
    ...(where.config ? ["--config", where.config] : []),
    ...(where.store ? ["--store", where.store] : []),
  ];
  return ["npx", "callgrade", ...args, ...carried].map(shellQuote).join(" ");
}
