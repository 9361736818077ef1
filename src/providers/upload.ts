// A file upload streamed from disk as multipart/form-data: the SDKs gather an upload into memory first
// (twice its size, at times), and a batch file may be 190 MB.
import { randomUUID } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import http from "node:http";
import https from "node:https";

export interface Upload {
  /** The endpoint, e.g. "https://api.openai.com/v1/files". */
  url: string;
  headers: Record<string, string>;
  /** Text fields sent before the file. */
  fields: Record<string, string>;
  /** The file's form field, the name it is sent under, and where it is on disk. */
  file: { field: string; name: string; type: string; path: string };
  timeoutMs: number;
}

/** An HTTP failure with its status, as the SDKs' errors carry it: callers tell a 4xx from a 5xx by it. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "UploadError";
  }
}

/** Sends the upload and resolves with the JSON answer; its memory stays flat whatever the file's size. */
export function uploadFile(upload: Upload): Promise<unknown> {
  const boundary = `----callgrade${randomUUID().replaceAll("-", "")}`;
  const parts = Object.entries(upload.fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const { file } = upload;
  const head = `${parts.join("")}--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const length = Buffer.byteLength(head) + statSync(file.path).size + Buffer.byteLength(tail);
  const url = new URL(upload.url);
  const send = url.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const request = send(url, {
      method: "POST",
      headers: {
        ...upload.headers,
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": String(length),
      },
      timeout: upload.timeoutMs,
    });
    request.on("timeout", () =>
      request.destroy(new UploadError(`the upload took over ${upload.timeoutMs} ms`)),
    );
    request.on("error", (error) =>
      reject(error instanceof UploadError ? error : new UploadError(error.message)),
    );
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", (error) => reject(new UploadError(error.message)));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const status = response.statusCode ?? 0;
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // Not JSON: the text is the message.
        }
        if (status >= 200 && status < 300) resolve(body);
        else reject(new UploadError(`${status} ${messageOf(body)}`, status));
      });
    });
    request.write(head);
    const stream = createReadStream(file.path);
    stream.on("error", (error) => request.destroy(error));
    stream.on("end", () => request.end(tail));
    stream.pipe(request, { end: false });
  });
}

function messageOf(body: unknown): string {
  const error = (body as { error?: { message?: unknown } } | null)?.error;
  if (typeof error?.message === "string") return error.message;
  return typeof body === "string" ? body.slice(0, 300) : "the upload was refused";
}
