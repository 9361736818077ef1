// The status message and the key hints as screen rows, wrapped to the width so their height is known.
import { inert } from "../../core/inert.js";
import { bindingsFor, type FieldKind, type Mode } from "./keymap.js";
import type { Status } from "./model.js";
import { displayWidth, truncateText, wrapText } from "./wrap.js";

/** A longer message is cut: the screen must keep its room for the transcript. */
const MAX_STATUS_ROWS = 2;
const SEPARATOR = " · ";

/** At most `max` rows of `text` wrapped to `width`; the last one ends in … when some was left off. */
export function capRows(text: string, width: number, max: number): string[] {
  const rows = wrapText(text, width);
  if (rows.length <= max) return rows;
  const kept = rows.slice(0, max);
  kept[max - 1] = truncateText(`${kept[max - 1] ?? ""} ${rows[max] ?? ""}`, width - 1);
  return kept;
}

export function statusRows(status: Status | undefined, width: number): string[] {
  // Messages quote field names and session errors: untrusted too.
  if (!status) return [" "];
  return capRows(`${status.tone === "error" ? "✗ " : ""}${inert(status.text)}`, width - 1, MAX_STATUS_ROWS);
}

/** The hints of the mode, packed into rows without splitting one ("e edit") across two. */
export function hintRows(mode: Mode, field: FieldKind | undefined, width: number): string[] {
  const hints = bindingsFor(mode, field).flatMap((b) =>
    b.hint === undefined ? [] : [`${b.label} ${b.hint}`],
  );
  const rows: string[] = [];
  let row = "";
  hints.forEach((hint, i) => {
    const next = row === "" ? hint : `${row}${SEPARATOR}${hint}`;
    // A row that more hints follow ends in the separator: room for it too.
    const tail = i === hints.length - 1 ? 0 : SEPARATOR.trimEnd().length;
    if (row !== "" && displayWidth(next) + tail > width - 1) {
      rows.push(`${row}${SEPARATOR.trimEnd()}`);
      row = hint;
    } else row = next;
  });
  if (row !== "") rows.push(row);
  return rows;
}
