// Commands callgrade prints for the user to run next, written so they work when pasted as printed.

import { shellQuote } from "../core/shell-quote.js";
import { isPostgresAddress, maskedAddress } from "../store/pg/address.js";

export { shellQuote };

export interface Where {
  /** --config as the user gave it, if they did. */
  config?: string;
  /** --store as the user gave it, if they did. */
  store?: string;
}

/**
 * `npx callgrade <args>` carrying the --config and --store the user gave (they say which suite and store,
 * relative to the folder the user is in, which is where the command will be pasted), every value quoted. A
 * database address is carried with its password masked: printed commands end up in CI logs.
 */
export function followUp(args: string[], where: Where): string {
  const carried = [
    ...(where.config ? ["--config", where.config] : []),
    ...(where.store
      ? ["--store", isPostgresAddress(where.store) ? maskedAddress(where.store) : where.store]
      : []),
  ];
  return ["npx", "callgrade", ...args, ...carried].map(shellQuote).join(" ");
}
