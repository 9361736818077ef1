// Optional PII redaction: phone numbers, e-mails and card numbers in the per-case part of a request become
// placeholders before it goes to a remote provider, and the model's answer gets the real values back.

import { REDACT_KINDS, type RedactKind } from "../config/schema.js";
import type { Case, CompletionRequest } from "../core/types.js";
import { matchContext, type ScoringSettings } from "../scoring/context.js";
import { findSensitive } from "./redact-find.js";

export { REDACT_KINDS, type RedactKind };

/** How a case's phone region is found: the same settings scoring uses (`config.scoring`). */
export type RedactorOptions = Pick<ScoringSettings, "phoneRegion" | "phoneRegionKey">;

/** One case's redacted request, and the way back. */
export interface Redaction {
  /** The request as sent: `variable` redacted, everything else untouched (the stable prefix too). */
  readonly request: CompletionRequest;
  /** Distinct values replaced, per kind. Counts only: never a value. */
  readonly counts: Readonly<Record<RedactKind, number>>;
  /**
   * Puts the real values back where the model wrote a placeholder this redaction issued. Any other text,
   * a placeholder-looking string the call itself contained included, is left as it is.
   */
  restore(text: string): string;
}

export interface Redactor {
  readonly kinds: readonly RedactKind[];
  redact(request: CompletionRequest, testCase: Case): Redaction;
}

const LABEL: Record<RedactKind, string> = { phone: "PHONE", email: "EMAIL", card: "CARD" };
const TOKEN = /\[(?:PHONE|EMAIL|CARD)_\d+\]/g;

/**
 * Replaces values of the given kinds with `[PHONE_1]`, `[EMAIL_1]`, `[CARD_1]`... The same value (however
 * it is written: "(212) 555-0198" and "212-555-0198") gets the same placeholder within a case. The
 * mapping lives only in the returned `restore` closure: it is not a property, so it cannot be logged,
 * serialised or stored by accident. Redaction is a pure function of the request and the case, so a
 * resumed run or a cache hit recomputes it instead of keeping it anywhere.
 */
export function createRedactor(kinds: readonly RedactKind[], options: RedactorOptions): Redactor {
  const wanted = new Set(kinds);
  return {
    kinds: [...wanted],
    redact(request, testCase) {
      const region = matchContext({ ...options, referenceDateKey: "" }, testCase).phoneRegion;
      const found = wanted.size === 0 ? [] : findSensitive(request.variable, wanted, region);
      // Placeholders the prompt already contains are never issued, so restore cannot be fooled by them.
      const taken = new Set(
        [...request.stable.matchAll(TOKEN), ...request.variable.matchAll(TOKEN)].map((m) => m[0]),
      );
      const counters: Record<RedactKind, number> = { phone: 0, email: 0, card: 0 };
      const counts: Record<RedactKind, number> = { phone: 0, email: 0, card: 0 };
      const byValue = new Map<string, string>();
      const originals = new Map<string, string>();
      let variable = "";
      let at = 0;
      for (const span of found) {
        const valueKey = `${span.kind}\0${span.key}`;
        let token = byValue.get(valueKey);
        if (token === undefined) {
          do {
            token = `[${LABEL[span.kind]}_${++counters[span.kind]}]`;
          } while (taken.has(token));
          counts[span.kind]++;
          byValue.set(valueKey, token);
          originals.set(token, request.variable.slice(span.start, span.end));
        }
        variable += request.variable.slice(at, span.start) + token;
        at = span.end;
      }
      variable += request.variable.slice(at);
      return {
        request: found.length === 0 ? request : { ...request, variable },
        counts,
        // One pass over the text: a restored value is never scanned again.
        restore: (text) => (originals.size === 0 ? text : text.replace(TOKEN, (t) => originals.get(t) ?? t)),
      };
    },
  };
}

/**
 * Whether a model's requests are redacted: the suite asks for it, its provider is remote (as the provider
 * declares; a replay sends nothing anywhere), and the model has not opted out (`redact: false`, e.g. a local model).
 */
export function redactsFor(
  model: { id: string; redact?: boolean | undefined },
  remote: boolean,
  kinds: readonly RedactKind[] | undefined,
): boolean {
  return (kinds?.length ?? 0) > 0 && remote && model.redact !== false;
}
