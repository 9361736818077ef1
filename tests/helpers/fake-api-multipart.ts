// Reads the multipart/form-data body of an upload (OpenAI's audio transcriptions and file uploads): its parts
// with their bytes, or, for recording and matching, its text fields and a summary of each file part.
import { createHash } from "node:crypto";

export interface FakeUpload {
  filename: string;
  contentType: string;
  bytes: number;
  sha256: string;
}

export type MultipartFields = Record<string, string | FakeUpload>;

/** One part of the body as sent: `filename` only on a file part. */
export interface MultipartPart {
  name: string;
  filename?: string;
  contentType: string;
  content: Buffer;
}

const CRLF = "\r\n";

function boundaryOf(contentType: string | undefined): string {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw new Error(`not a multipart body (content-type ${contentType ?? "missing"})`);
  return boundary;
}

export function multipartParts(body: Buffer, contentType: string | undefined): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  const parts: MultipartPart[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.toString("latin1", start, start + 2) === "--") return parts;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    // Each part sits between the CRLF after its delimiter and the CRLF before the next one.
    const part = body.subarray(start + CRLF.length, next - CRLF.length);
    const split = part.indexOf(`${CRLF}${CRLF}`);
    const head = part.toString("utf8", 0, split);
    const name = /;\s*name="([^"]*)"/i.exec(head)?.[1];
    if (split === -1 || name === undefined) throw new Error(`a multipart part without a name: ${head}`);
    const filename = /;\s*filename="([^"]*)"/i.exec(head)?.[1];
    parts.push({
      name,
      ...(filename === undefined ? {} : { filename }),
      contentType: /^content-type:\s*(.+)$/im.exec(head)?.[1]?.trim() ?? "",
      content: part.subarray(split + 2 * CRLF.length),
    });
    at = next;
  }
  throw new Error("the multipart body has no closing delimiter");
}

/** The text fields as strings and each file as a FakeUpload: what tests compare, without the bytes. */
export function parseMultipart(body: Buffer, contentType: string | undefined): MultipartFields {
  const fields: MultipartFields = {};
  for (const { name, filename, contentType: type, content } of multipartParts(body, contentType)) {
    fields[name] =
      filename === undefined
        ? content.toString("utf8")
        : {
            filename,
            contentType: type,
            bytes: content.length,
            sha256: createHash("sha256").update(content).digest("hex"),
          };
  }
  return fields;
}
