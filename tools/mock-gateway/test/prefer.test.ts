import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createSpecValidator, deref, escapePointer, operationsOf } from "@allmhub/spec-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smallestValue } from "../src/error-answer.mjs";
import { PREFER_HEADER, VIOLATION_HEADER, startMockGateway } from "../src/index.mjs";

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@allmhub/spec/dist/openapi.json"), "utf8"));
const KEY = "sk-prefer";
let gateway: Awaited<ReturnType<typeof startMockGateway>>;
beforeAll(async () => {
  gateway = await startMockGateway({ spec, apiKeys: [KEY] });
});
afterAll(() => gateway.close());

const chat = (prefer: string) =>
  fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json", [PREFER_HEADER]: prefer },
    body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }] }),
  });

describe("Prefer: code=<status>", () => {
  it("builds, for every documented error answer, a body its schema allows", () => {
    const validator = createSpecValidator(spec);
    let checked = 0;
    for (const { operationId, op, path, method } of operationsOf(spec))
      for (const [code, response] of Object.entries<any>(op.responses ?? {})) {
        if (/^2/.test(code)) continue;
        const schema = deref(spec, response)?.content?.["application/json"]?.schema;
        if (!schema) continue;
        const value = smallestValue(spec, schema, "why");
        const at = response.$ref ?? `#/paths/${escapePointer(path)}/${method}/responses/${code}`;
        const pointer = `${at}/content/application~1json/schema`;
        expect(validator.errors(pointer, value), `${operationId} ${code}: ${JSON.stringify(value)}`).toEqual([]);
        checked++;
      }
    expect(checked).toBeGreaterThan(150);
  });

  it("answers a documented error status in the operation's error shape", async () => {
    const res = await chat("code=429");
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({
      error: { message: "mock gateway: the 429 answer asked for with Prefer" },
    });
    const claude = await fetch(`${gateway.url}/v1/messages`, {
      method: "POST",
      headers: {
        "x-api-key": KEY,
        "anthropic-version": "2023-06-01",
        "content-type": "application/json",
        [PREFER_HEADER]: "code=400",
      },
      body: JSON.stringify({ model: "m", max_tokens: 8, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(claude.status).toBe(400);
    expect(await claude.json()).toEqual({
      type: "error",
      error: { type: "invalid_request_error", message: "mock gateway: the 400 answer asked for with Prefer" },
    });
  });

  it("answers an undocumented 4xx or 5xx in the relay's shape, and refuses any other status", async () => {
    const unavailable = await chat("code=503");
    expect(unavailable.status).toBe(503);
    expect(((await unavailable.json()) as any).error.message).toContain("not documented for this operation");
    const redirect = await chat("code=302");
    expect(redirect.status).toBe(400);
    expect(redirect.headers.get(VIOLATION_HEADER)).toBe("1");
    expect(((await redirect.json()) as any).error.message).toContain(
      "Prefer: code=302 is neither a documented status of createChatCompletion nor 4xx/5xx",
    );
  });
});
