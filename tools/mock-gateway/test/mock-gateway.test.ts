import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PREFER_HEADER, VIOLATION_HEADER, startMockGateway } from "../src/index.mjs";

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@allmhub/spec/dist/openapi.json"), "utf8"));
const KEY = "sk-mock-test";
let gateway: {
  url: string;
  requests: Array<{ violation: string | null; operationId: string | null }>;
  close(): Promise<void>;
};

beforeAll(async () => {
  gateway = await startMockGateway({ spec, apiKeys: [KEY] });
});
afterAll(() => gateway.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${gateway.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

describe("mock gateway", () => {
  it("listens on loopback", () => {
    expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("answers a valid request with the documented example it names", async () => {
    const res = await post(
      "/v1/chat/completions",
      { model: "gpt-4.1-mini", messages: [{ role: "user", content: "hi" }] },
      {
        [PREFER_HEADER]: "example=allinone-tool-call",
      },
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.id).toBe("chatcmpl-CguT8XqGPVXTUe64KZgmjuF3oPms6");
    expect(res.headers.get(VIOLATION_HEADER)).toBeNull();
  });

  it("rejects a body the spec does not allow, saying why", async () => {
    const res = await post("/v1/chat/completions", { messages: [{ role: "user", content: "hi" }] });
    expect(res.status).toBe(400);
    expect(res.headers.get(VIOLATION_HEADER)).toBe("1");
    const body = await res.json();
    expect(body.error.code).toBe("spec_violation");
    expect(body.error.message).toContain("model");
    expect(gateway.requests.at(-1)?.violation).toContain("model");
  });

  it("rejects a wrong type deep inside the body", async () => {
    const res = await post("/v1/chat/completions", {
      model: "m",
      messages: [{ role: "user", content: [{ type: "image_url", image_url: {} }] }],
    });
    expect(res.status).toBe(400);
  });

  it("rejects routes and methods the spec does not have", async () => {
    expect((await post("/v1/unknown", {})).status).toBe(404);
    const res = await fetch(`${gateway.url}/v1/chat/completions`, { headers: { authorization: `Bearer ${KEY}` } });
    expect([404, 405]).toContain(res.status);
    expect(res.headers.get(VIOLATION_HEADER)).toBe("1");
  });

  it("requires the key", async () => {
    const res = await fetch(`${gateway.url}/v1/models`);
    expect(res.status).toBe(401);
    const wrong = await fetch(`${gateway.url}/v1/models`, { headers: { authorization: "Bearer sk-other" } });
    expect(wrong.status).toBe(401);
  });

  it("matches the Gemini path with its colon and validates the path parameter", async () => {
    const res = await post("/v1beta/models/gemini-2.5-flash:generateContent", {
      contents: [{ role: "user", parts: [{ text: "hi" }] }],
    });
    expect(res.status).toBe(200);
    expect((await res.json()).modelVersion).toBe("gemini-2.5-flash");
  });

  it("streams the documented events when the body asks for a stream", async () => {
    const res = await post("/v1/chat/completions", {
      model: "m",
      stream: true,
      messages: [{ role: "user", content: "hi" }],
    });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const text = await res.text();
    expect(text).toContain("chat.completion.chunk");
    expect(text.trim().endsWith("data: [DONE]")).toBe(true);
    // every event, the last included, is closed by a blank line (strict SSE clients need it)
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("answers GET routes with path parameters", async () => {
    const res = await fetch(`${gateway.url}/mj/task/1743326750223591/fetch`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe("SUCCESS");
  });
});
