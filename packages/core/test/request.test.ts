import { afterEach, describe, expect, it } from "vitest";
import {
  buildRequest,
  callOperation,
  createGatewayClient,
  resolveClientOptions,
  type GatewayClient,
  type OperationDescriptor,
} from "./runtime.js";
import { startServer, type TestServer } from "./server.js";

const KEY = "sk-test-secret-0123456789";
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

describe("building the request (through callOperation)", () => {
  it("fills path parameters, keeps the colon of Gemini paths and adds query and extra headers", async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    await callOperation(
      client(server.url, { headers: { "x-client": "a" } }),
      { method: "POST", path: "/v1beta/models/{model}:generateContent" },
      { params: { path: { model: "gemini-2.5-flash" }, query: { alt: "sse" } }, body: {} },
      { headers: { "x-call": "b" } },
    );
    expect(server.hits[0]?.url).toBe("/v1beta/models/gemini-2.5-flash:generateContent?alt=sse");
    expect(server.hits[0]?.headers["x-client"]).toBe("a");
    expect(server.hits[0]?.headers["x-call"]).toBe("b");
  });

  it("merges headers client < authentication < header parameters < call, whatever their case; null removes one", async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    await callOperation(
      client(server.url, { headers: { "X-Tier": "client", "X-Drop": "client" } }),
      { method: "POST", path: "/v1/messages", auth: ["anthropic"] },
      { params: { header: { "Anthropic-Version": "2024-01-01", "x-tier": "param" } }, body: { a: 1 } },
      { headers: { "X-TIER": "call", "x-drop": null as unknown as string } },
    );
    const headers = server.hits[0]?.headers ?? {};
    expect(headers["x-api-key"]).toBe(KEY);
    expect(headers["anthropic-version"]).toBe("2024-01-01");
    expect(headers["x-tier"]).toBe("call");
    expect(headers["x-drop"]).toBeUndefined();
    expect(headers["content-type"]).toBe("application/json");
    expect(headers.authorization).toBeUndefined();
  });

  it("adds the key to the query for ?key= operations, after the call's own query", async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    await callOperation(
      client(server.url),
      { method: "GET", path: "/v1beta/models", auth: ["googleQuery"] },
      { params: { query: { pageSize: 5, tags: ["a", "b"] } } },
    );
    expect(server.hits[0]?.url).toBe(`/v1beta/models?pageSize=5&tags=a&tags=b&key=${KEY}`);
    expect(server.hits[0]?.headers["content-type"]).toBeUndefined();
  });

  it("sends multipart bodies as FormData with files", async () => {
    server = await startServer((_req, res) => json(res, 200, { text: "hi" }));
    await callOperation(
      client(server.url),
      { method: "POST", path: "/v1/audio/transcriptions", requestBody: "multipart" },
      { body: { model: "whisper-1", file: new File([new Uint8Array([1, 2, 3])], "a.mp3", { type: "audio/mpeg" }) } },
    );
    expect(server.hits[0]?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(server.hits[0]?.body).toContain('name="file"; filename="a.mp3"');
    expect(server.hits[0]?.body).toContain("whisper-1");
  });

  it("sends an `auto` body as multipart only when it holds a file", async () => {
    server = await startServer((_req, res) => json(res, 200, { ok: 1 }));
    const edit = { method: "POST", path: "/v1/images/edits", requestBody: "auto" } as const;
    await callOperation(client(server.url), edit, {
      body: { prompt: "p", image: [new Blob([new Uint8Array([1])], { type: "image/png" })] },
    });
    await callOperation(client(server.url), edit, { body: { prompt: "p", image: "https://example.com/a.png" } });
    expect(server.hits[0]?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(server.hits[0]?.body).toContain('name="image"; filename="image"');
    expect(server.hits[1]?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(server.hits[1]!.body)).toEqual({ prompt: "p", image: "https://example.com/a.png" });
  });
});

describe("buildRequest", () => {
  const config = resolveClientOptions({
    apiKey: "sk-build-0123",
    baseUrl: "https://gw.example.com",
    headers: { "X-Tier": "client" },
  });
  const credentials = { headers: { authorization: "Bearer sk-build-0123" }, query: {} };
  const op: OperationDescriptor = {
    method: "POST",
    path: "/v1beta/models/{model}:streamGenerateContent",
    defaults: { header: { "x-tier": "default", "x-version": "1" }, query: { alt: "sse" } },
  };

  it("puts defaults under the client's headers, the call's last, and a call's query over the defaults", () => {
    const { url, init } = buildRequest(
      op,
      { params: { path: { model: "g 1" } }, body: { a: 1 } },
      credentials,
      { headers: { "x-version": "2", "x-tier": null }, query: { alt: "json" } },
      config,
      undefined,
    );
    expect(url).toBe("https://gw.example.com/v1beta/models/g%201:streamGenerateContent?alt=json");
    expect(init.headers).toEqual({
      "content-type": "application/json",
      authorization: "Bearer sk-build-0123",
      "x-version": "2",
    });
    expect(init.method).toBe("POST");
  });

  it("merges extraBody over the body's fields, and sends no body and no content type when there is none", () => {
    const withExtra = buildRequest(
      op,
      { params: { path: { model: "g" } }, body: { a: 1, b: 2 } },
      credentials,
      { extraBody: { b: 3, c: 4 } },
      config,
      undefined,
    );
    expect(JSON.parse(String(withExtra.init.body))).toEqual({ a: 1, b: 3, c: 4 });
    expect(withExtra.url).toBe("https://gw.example.com/v1beta/models/g:streamGenerateContent?alt=sse");
    const bare = buildRequest(
      { method: "GET", path: "/v1/models" },
      {},
      { headers: {}, query: { key: "sk-q" } },
      {},
      config,
      undefined,
    );
    expect(bare.init.body).toBeUndefined();
    expect(bare.init.headers).toEqual({ "x-tier": "client" });
    expect(bare.url).toBe("https://gw.example.com/v1/models?key=sk-q");
  });
});
