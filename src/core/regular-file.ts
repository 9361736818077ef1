import { stat } from "node:fs/promises";

/**
 * Rejects a path that is neither a regular file nor a folder (a named pipe, socket or device) before it is
 * opened: opening a named pipe blocks until something writes to it, and a blocked open can be interrupted by
 * nothing, not even the process exiting (a cancelled CI job would hang). A missing path rejects as stat does.
 */
export async function assertRegularFile(file: string): Promise<void> {
  const kind = await stat(file);
  if (kind.isFile() || kind.isDirectory()) return;
  throw Object.assign(new Error("not a regular file (a named pipe, socket or device); give a file"), {
    code: "ENOTREG",
  });
}
