import { afterEach, describe, expect, it } from "vitest";
import { APIError, BadRequestError, callOperation, createGatewayClient, type GatewayClient } from "./runtime.js";
import { startServer, type TestServer } from "./server.js";

const KEY = "sk-test-secret-0123456789";
const chat = { method: "POST", path: "/v1/chat/completions" } as const;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const json = (
  res: import("node:http").ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

function client(url: string, extra: Record<string, unknown> = {}): GatewayClient<object> {
  return createGatewayClient({ apiKey: KEY, baseUrl: url, ...extra });
}

describe("reading the answer (through callOperation)", () => {
  it("throws the typed error of the status with the gateway's body and request id", async () => {
    server = await startServer((_req, res) =>
      json(
        res,
        400,
        { error: { message: "bad model", type: "invalid_request_error", code: "bad" } },
        { "x-request-id": "req-9" },
      ),
    );
    const err = await callOperation(client(server.url), chat, { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({
      status: 400,
      code: "bad",
      type: "invalid_request_error",
      requestId: "req-9",
      message: "400 bad model",
    });
    expect(server.hits).toHaveLength(1);
  });

  it("turns a 200 answer that is not JSON into a typed error with an excerpt", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>maintenance</html>");
    });
    const err = await callOperation(client(server.url), chat, { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as APIError).message).toBe("200 non-JSON answer (HTML page): <html>maintenance</html>");
  });

  it("returns text when an operation that answers JSON is asked for a text format", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
      res.end("1\n00:00:00,000 --> 00:00:01,000\nHello\n");
    });
    const text = await callOperation<unknown>(
      client(server.url),
      { method: "POST", path: "/v1/audio/transcriptions" },
      { body: {} },
    );
    expect(text).toBe("1\n00:00:00,000 --> 00:00:01,000\nHello\n");
  });

  it("returns bytes for binary answers", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "audio/mpeg" });
      res.end(Buffer.from([9, 8, 7]));
    });
    const blob = await callOperation<Blob>(
      client(server.url),
      { method: "POST", path: "/v1/audio/speech", response: "binary" },
      { body: {} },
    );
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array([9, 8, 7]));
    expect(blob.type).toBe("audio/mpeg");
  });
});
