// Splitting text into user-perceived characters, for character error rates.

let segmenter: Intl.Segmenter | undefined;

/**
 * The grapheme clusters of `text`. The segmenter is made on first use: making one loads ICU's break rules
 * (~10 ms), a cost every command importing the voice figures would pay at start-up otherwise.
 */
export function graphemes(text: string): string[] {
  segmenter ??= new Intl.Segmenter("und", { granularity: "grapheme" });
  return Array.from(segmenter.segment(text), (part) => part.segment);
}
