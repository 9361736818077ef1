// Which models of a run go through their provider's batch API, and whether the run waits for the batches.
// A module of its own: the library's types name it, and should not pull in the runner's with it.

export interface BatchChoice {
  all?: boolean;
  /** Poll until the batches end (the default); false: submit and come back, for a resume to collect. */
  wait?: boolean;
  /** The first wait between polls. @default 10 s */
  pollMs?: number;
}
