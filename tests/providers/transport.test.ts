// The SDKs' fetch: pooled keep-alive sockets, a buffered body under the call's signal, and what the SDKs read.
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { leanFetch } from "../../src/providers/transport.js";

const servers: { close(): void; closeAllConnections(): void }[] = [];

async function serve(listener: RequestListener): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  const server = createServer(listener);
  server.on("connection", () => connections++);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
  };
}

afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

const echo: RequestListener = (req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "x-ratelimit-remaining-requests": "7" });
    res.end(
      JSON.stringify({
        method: req.method,
        auth: req.headers.authorization,
        body: Buffer.concat(chunks).toString(),
      }),
    );
  });
};

describe("leanFetch", () => {
  it("sends method, headers and body, and answers a Response the SDKs can read", async () => {
    const { url } = await serve(echo);
    const response = await leanFetch(`${url}/v1/chat/completions`, {
      method: "POST",
      headers: new Headers({ authorization: "Bearer k", "content-type": "application/json" }),
      body: '{"a":1}',
    });
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get("x-ratelimit-remaining-requests")).toBe("7");
    expect(await response.json()).toEqual({ method: "POST", auth: "Bearer k", body: '{"a":1}' });
  });

  it("follows a redirect, as fetch does, resending the body to where it points", async () => {
    const target = await serve(echo);
    const { url } = await serve((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(307, { location: `${target.url}/v1/chat/completions` });
        res.end();
      });
    });
    const response = await leanFetch(`${url}/v1/chat/completions`, { method: "POST", body: '{"b":2}' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ method: "POST", body: '{"b":2}' });
  });

  it("sends calls one after another over one kept-alive connection", async () => {
    const server = await serve(echo);
    for (let i = 0; i < 5; i++) {
      const response = await leanFetch(`${server.url}/x`, { method: "POST", body: String(i) });
      await response.text();
    }
    expect(server.connections()).toBe(1);
  });

  it("an error status comes back as a Response with its body and headers, for the SDK to classify", async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(429, { "retry-after": "2", "content-type": "application/json" });
      res.end('{"error":{"message":"slow down"}}');
    });
    const response = await leanFetch(`${url}/x`, { method: "POST", body: "{}" });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(await response.text()).toContain("slow down");
  });

  it("a body that stalls after the headers is cut off when the signal fires", async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id": "x",');
    });
    const started = performance.now();
    const sent = leanFetch(`${url}/x`, { method: "POST", body: "{}", signal: AbortSignal.timeout(100) });
    await expect(sent).rejects.toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("a connection reset mid-body is an error, not a short answer", async () => {
    const { url } = await serve((req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"id": "x",', () => req.socket.destroy());
    });
    await expect(leanFetch(`${url}/x`, { method: "POST", body: "{}" })).rejects.toThrow();
  });

  it("an already aborted signal sends nothing", async () => {
    const server = await serve(echo);
    const sent = leanFetch(`${server.url}/x`, { method: "POST", body: "{}", signal: AbortSignal.abort() });
    await expect(sent).rejects.toMatchObject({ name: "AbortError" });
    expect(server.connections()).toBe(0);
  });

  it("a compressed answer is decoded, though none was asked for", async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(gzipSync('{"ok":true}'));
    });
    const response = await leanFetch(`${url}/x`, { method: "POST", body: "{}" });
    expect(await response.json()).toEqual({ ok: true });
  });
});
