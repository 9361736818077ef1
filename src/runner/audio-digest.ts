// A content hash of an audio file, streamed: what the transcript cache keys on, so a moved file still hits.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/** sha256 of the file's bytes, or undefined when it cannot be read (the recogniser then reports why). */
export async function audioDigest(file: string): Promise<string | undefined> {
  const hash = createHash("sha256");
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch {
    return undefined;
  }
  return hash.digest("hex");
}
