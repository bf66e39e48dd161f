import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ConfigurationError,
  EnvelopeError,
  authFor,
  callOperation,
  createGatewayClient,
  resolveAccountCredentials,
  resolveClientOptions,
  unwrapEnvelope,
  accountEnvelope,
  envelopeChecks,
  midjourneyEnvelope,
  taskCodeEnvelope,
  type OperationDescriptor,
} from "../src/index.js";
import { startServer, type TestServer } from "./server.js";

const KEY = "sk-auth-test-123456";
const TOKEN = "access-token-abcdef";
const base = resolveClientOptions({ apiKey: KEY, baseUrl: "http://127.0.0.1:1" });
const op = (auth?: OperationDescriptor["auth"]): OperationDescriptor => ({ method: "post", path: "/x", auth });

describe("authFor: the right credentials for each dialect", () => {
  it("sends Bearer by default", () => {
    expect(authFor(op(), base)).toEqual({ headers: { authorization: `Bearer ${KEY}` }, query: {} });
  });
  it("sends x-api-key with anthropic-version for Claude", () => {
    expect(authFor(op(["anthropic", "bearer"]), base).headers).toEqual({ "x-api-key": KEY, "anthropic-version": "2023-06-01" });
  });
  it("sends x-goog-api-key for Gemini, or ?key= when that is the only way", () => {
    expect(authFor(op(["google", "googleQuery", "bearer"]), base).headers).toEqual({ "x-goog-api-key": KEY });
    expect(authFor(op(["googleQuery"]), base)).toEqual({ headers: {}, query: { key: KEY } });
  });
  it("sends the access token and New-Api-User to account APIs, never the API key", () => {
    const both = resolveClientOptions({ apiKey: KEY, accessToken: TOKEN, userId: 42, baseUrl: "http://127.0.0.1:1" }, resolveAccountCredentials);
    expect(authFor(op(["accessToken"]), both).headers).toEqual({ authorization: TOKEN, "new-api-user": "42" });
  });
  it("refuses an account API without account credentials, saying what is needed", () => {
    expect(() => authFor(op(["accessToken"]), base)).toThrowError(/account API: pass \{ accessToken, userId \}/);
  });
  it("refuses a relay call without an API key", () => {
    const account = resolveClientOptions({ accessToken: TOKEN, userId: "7", baseUrl: "http://127.0.0.1:1" }, resolveAccountCredentials);
    expect(() => authFor(op(), account)).toThrowError(/needs an API key/);
  });
});

describe("account credentials", () => {
  it("need a numeric user id", () => {
    expect(() => resolveClientOptions({ apiKey: KEY, accessToken: TOKEN }, resolveAccountCredentials)).toThrowError(/user id/);
    expect(() => resolveClientOptions({ apiKey: KEY, accessToken: TOKEN, userId: "bob" }, resolveAccountCredentials)).toThrowError(/numeric/);
    expect(() => resolveClientOptions({ apiKey: KEY, userId: "bob" }, resolveAccountCredentials)).toThrowError(/numeric/);
  });
  it("are read from the environment by account clients only", () => {
    vi.stubEnv("ALLMHUB_API_KEY", "");
    vi.stubEnv("ALLMHUB_ACCESS_TOKEN", TOKEN);
    vi.stubEnv("ALLMHUB_USER_ID", "");
    try {
      // A relay client neither reads nor checks them: a half-set account environment does not break it.
      const relay = resolveClientOptions({ apiKey: KEY });
      expect(relay.accessToken).toBeUndefined();
      expect(() => authFor(op(["accessToken"]), relay)).toThrowError(/account API/);
      expect(() => resolveClientOptions({ apiKey: KEY }, resolveAccountCredentials)).toThrowError(/user id/);
      vi.stubEnv("ALLMHUB_USER_ID", "9");
      expect(resolveClientOptions({}, resolveAccountCredentials)).toMatchObject({ apiKey: undefined, accessToken: TOKEN, userId: "9" });
    } finally {
      vi.unstubAllEnvs();
    }
  });
  it("may replace the API key for clients that accept either", () => {
    expect(resolveClientOptions({ accessToken: TOKEN, userId: 1 }, resolveAccountCredentials).apiKey).toBeUndefined();
    expect(() => resolveClientOptions({}, resolveAccountCredentials)).toThrowError(ConfigurationError);
  });
  it("must not be the API key itself", () => {
    expect(() => resolveClientOptions({ apiKey: KEY, accessToken: KEY, userId: 1 }, resolveAccountCredentials)).toThrowError(/accessToken is the API key/);
  });
});

describe("unwrapEnvelope", () => {
  const ok = new Response(null, { status: 200 });
  it("accepts Midjourney codes 1, 21 and 22 and returns the envelope", () => {
    for (const code of [1, 21, 22]) expect(unwrapEnvelope("midjourney", { code, result: "9" }, ok)).toEqual({ code, result: "9" });
  });
  it("turns any other Midjourney code into an EnvelopeError with the code and description", () => {
    const err = (() => {
      try {
        unwrapEnvelope("midjourney", { code: 24, description: "可能包含敏感词" }, ok);
      } catch (e) {
        return e;
      }
    })() as EnvelopeError;
    expect(err).toBeInstanceOf(EnvelopeError);
    expect(err.code).toBe(24);
    expect(err.status).toBe(200);
    expect(err.message).toContain("可能包含敏感词");
  });
  it("returns the data of a successful account answer and throws on success: false", () => {
    expect(unwrapEnvelope("account", { success: true, message: "", data: { quota: 5 } }, ok)).toEqual({ quota: 5 });
    expect(() => unwrapEnvelope("account", { success: false, message: "无权进行此操作，未登录且未提供 access token" }, ok)).toThrowError(EnvelopeError);
  });
  it("returns the data of task envelopes with code success, true or 0", () => {
    expect(unwrapEnvelope("task-code", { code: "success", data: { task_id: "t" } }, ok)).toEqual({ task_id: "t" });
    expect(unwrapEnvelope("task-code", { code: true, message: "ok", data: 1 }, ok)).toBe(1);
    expect(() => unwrapEnvelope("task-code", { code: "task_not_exist", message: "task_not_exist" }, ok)).toThrowError(/task_not_exist/);
  });
  it("is the check of each kind, also exported on its own for operation tables", () => {
    expect(envelopeChecks).toEqual({ midjourney: midjourneyEnvelope, account: accountEnvelope, "task-code": taskCodeEnvelope });
    expect(midjourneyEnvelope({ code: 22, result: "q" }, ok)).toEqual({ code: 22, result: "q" });
    expect(accountEnvelope({ success: true, data: [1] }, ok)).toEqual([1]);
    expect(taskCodeEnvelope({ code: 0, data: "id" }, ok)).toBe("id");
    expect(() => taskCodeEnvelope("not an envelope", ok)).toThrowError(/code undefined/);
    expect(() => accountEnvelope(null, ok)).toThrowError(/no message/);
  });
  it("scrubs secrets from the envelope it reports", () => {
    try {
      unwrapEnvelope("account", { success: false, message: `bad token ${TOKEN}` }, ok, [TOKEN]);
    } catch (e) {
      expect((e as Error).message).not.toContain(TOKEN);
      expect(JSON.stringify((e as EnvelopeError).body)).not.toContain(TOKEN);
    }
    expect.assertions(2);
  });
});

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("callOperation with auth variants and envelopes", () => {
  it("puts the key in the query for googleQuery and the version header for anthropic", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
    const client = createGatewayClient({ apiKey: KEY, baseUrl: server.url });
    await callOperation(client, { method: "post", path: "/v1beta/models/{model}:generateContent", auth: ["googleQuery"] }, { params: { path: { model: "g" } }, body: {} });
    expect(server.hits[0]?.url).toBe(`/v1beta/models/g:generateContent?key=${KEY}`);
    expect(server.hits[0]?.headers.authorization).toBeUndefined();
    await callOperation(client, { method: "post", path: "/v1/messages", auth: ["anthropic", "bearer"] }, { body: {} });
    expect(server.hits[1]?.headers["x-api-key"]).toBe(KEY);
    expect(server.hits[1]?.headers["anthropic-version"]).toBe("2023-06-01");
    expect(server.hits[1]?.headers.authorization).toBeUndefined();
  });

  it("lets an explicit anthropic-version parameter win over the default", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
    const client = createGatewayClient({ apiKey: KEY, baseUrl: server.url });
    await callOperation(client, { method: "post", path: "/v1/messages", auth: ["anthropic"] }, { params: { header: { "anthropic-version": "2024-01-01" } }, body: {} });
    expect(server.hits[0]?.headers["anthropic-version"]).toBe("2024-01-01");
  });

  it("throws an EnvelopeError for an HTTP 200 account failure", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ success: false, message: "无权进行此操作，access token 无效" }));
    });
    const client = createGatewayClient({ accessToken: TOKEN, userId: 3, baseUrl: server.url }, resolveAccountCredentials);
    const err = await callOperation(client, { method: "get", path: "/api/user/self", auth: ["accessToken"], envelope: "account" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EnvelopeError);
    expect(server.hits[0]?.headers.authorization).toBe(TOKEN);
    expect(server.hits[0]?.headers["new-api-user"]).toBe("3");
  });
});
