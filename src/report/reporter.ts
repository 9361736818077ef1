// The one interface every report format implements, after Vitest's reporters: optional hooks, each format in
// its own file, chosen by name (--reporter) or loaded from the user's own file.
import type { RunEvent } from "../runner/events.js";
import type { ReportData } from "../summary/report-data-types.js";

/** Where a reporter's output goes; the application layer provides it, so renderers never touch a file. */
export interface ReportOutput {
  /** The folder the run's report files go into. */
  readonly dir: string;
  /** Environment variables a reporter may read (e.g. GITHUB_STEP_SUMMARY). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Writes `name` into the report folder, whole or not at all; returns its path. Content of megabytes may
   * come in parts, written in order, so it is never joined into one string.
   */
  file(name: string, content: string | Iterable<string>): string;
  /** Appends to a file outside the report folder that others write to as well (a CI step summary). */
  append(file: string, content: string): string;
  /** Text for the person at the terminal. */
  print(text: string): void;
}

export interface Reporter {
  /** Shown in messages, and the name `--reporter` selects a built-in by. */
  readonly name: string;
  /** Each event of a run as it happens: progress displays. */
  onRunEvent?(event: RunEvent): void;
  /** A run's figures (and the gate's decision, from `gate`), once scored. */
  onReport?(data: ReportData, out: ReportOutput): void | Promise<void>;
}
