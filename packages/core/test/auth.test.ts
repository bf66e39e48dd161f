import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ConfigurationError,
  EnvelopeError,
  authFor,
  callOperation,
  createGatewayClient,
  resolveAccountCredentials,
  resolveClientOptions,
} from "./runtime.js";
import { startServer, type TestServer } from "./server.js";

const KEY = "sk-auth-test-123456";
const TOKEN = "access-token-abcdef";
const base = resolveClientOptions({ apiKey: KEY, baseUrl: "http://127.0.0.1:1" });

describe("authFor: the right credentials for each dialect", () => {
  it("sends Bearer by default", () => {
    expect(authFor(undefined, base, "Calling POST /x")).toEqual({
      headers: { authorization: `Bearer ${KEY}` },
      query: {},
    });
  });
  it("sends x-api-key with anthropic-version for Claude", () => {
    expect(authFor(["anthropic", "bearer"], base, "Calling POST /x").headers).toEqual({
      "x-api-key": KEY,
      "anthropic-version": "2023-06-01",
    });
  });
  it("sends x-goog-api-key for Gemini, or ?key= when that is the only way", () => {
    expect(authFor(["google", "googleQuery", "bearer"], base, "Calling POST /x").headers).toEqual({
      "x-goog-api-key": KEY,
    });
    expect(authFor(["googleQuery"], base, "Calling POST /x")).toEqual({ headers: {}, query: { key: KEY } });
  });
  it("sends the access token and New-Api-User to account APIs, never the API key", () => {
    const both = resolveClientOptions(
      { apiKey: KEY, accessToken: TOKEN, userId: 42, baseUrl: "http://127.0.0.1:1" },
      resolveAccountCredentials,
    );
    expect(authFor(["accessToken"], both, "Calling POST /x").headers).toEqual({
      authorization: TOKEN,
      "new-api-user": "42",
    });
  });
  it("sends the access token alone when no user id is configured (newer gateways ignore New-Api-User)", () => {
    const tokenOnly = resolveClientOptions(
      { apiKey: KEY, accessToken: TOKEN, baseUrl: "http://127.0.0.1:1" },
      resolveAccountCredentials,
    );
    expect(authFor(["accessToken"], tokenOnly, "Calling POST /x")).toEqual({
      headers: { authorization: TOKEN },
      query: {},
    });
  });
  it("refuses an account API without account credentials, saying what is needed, and never falls back to the API key", () => {
    expect(() => authFor(["accessToken"], base, "Calling POST /x")).toThrowError(/account API: pass \{ accessToken \}/);
  });
  it("sends nothing to public routes, and the access token to routes where it is optional", () => {
    const both = resolveClientOptions(
      { apiKey: KEY, accessToken: TOKEN, userId: 5, baseUrl: "http://127.0.0.1:1" },
      resolveAccountCredentials,
    );
    expect(authFor(["none"], both, "Calling GET /api/status")).toEqual({ headers: {}, query: {} });
    expect(authFor(["accessToken", "none"], both, "Calling GET /api/pricing").headers).toEqual({
      authorization: TOKEN,
      "new-api-user": "5",
    });
    // An API-key-only client calls such a route anonymously: its key is not an access token.
    expect(authFor(["accessToken", "none"], base, "Calling GET /api/pricing")).toEqual({ headers: {}, query: {} });
  });
  it("refuses a relay call without an API key", () => {
    const account = resolveClientOptions(
      { accessToken: TOKEN, userId: "7", baseUrl: "http://127.0.0.1:1" },
      resolveAccountCredentials,
    );
    expect(() => authFor(undefined, account, "Calling POST /x")).toThrowError(/needs an API key/);
  });
});

describe("account credentials", () => {
  it("take an optional user id, which must be numeric", () => {
    expect(resolveClientOptions({ apiKey: KEY, accessToken: TOKEN }, resolveAccountCredentials)).toMatchObject({
      accessToken: TOKEN,
      userId: undefined,
    });
    expect(() =>
      resolveClientOptions({ apiKey: KEY, accessToken: TOKEN, userId: "bob" }, resolveAccountCredentials),
    ).toThrowError(/numeric/);
    expect(() => resolveClientOptions({ apiKey: KEY, userId: "bob" }, resolveAccountCredentials)).toThrowError(
      /numeric/,
    );
  });
  it("are read from the environment by account clients only", () => {
    vi.stubEnv("ALLMHUB_API_KEY", "");
    vi.stubEnv("ALLMHUB_ACCESS_TOKEN", TOKEN);
    vi.stubEnv("ALLMHUB_USER_ID", "");
    try {
      // A relay client neither reads nor checks them: a half-set account environment does not break it.
      const relay = resolveClientOptions({ apiKey: KEY });
      expect(relay.accessToken).toBeUndefined();
      expect(() => authFor(["accessToken"], relay, "Calling POST /x")).toThrowError(/account API/);
      expect(resolveClientOptions({ apiKey: KEY }, resolveAccountCredentials)).toMatchObject({
        accessToken: TOKEN,
        userId: undefined,
      });
      vi.stubEnv("ALLMHUB_USER_ID", "9");
      expect(resolveClientOptions({}, resolveAccountCredentials)).toMatchObject({
        apiKey: undefined,
        accessToken: TOKEN,
        userId: "9",
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });
  it("may replace the API key for clients that accept either", () => {
    expect(resolveClientOptions({ accessToken: TOKEN, userId: 1 }, resolveAccountCredentials).apiKey).toBeUndefined();
    expect(() => resolveClientOptions({}, resolveAccountCredentials)).toThrowError(ConfigurationError);
  });
  it("must not be an API key", () => {
    expect(() =>
      resolveClientOptions({ apiKey: KEY, accessToken: KEY, userId: 1 }, resolveAccountCredentials),
    ).toThrowError(/accessToken is an API key/);
    expect(() => resolveClientOptions({ accessToken: "sk-another-key" }, resolveAccountCredentials)).toThrowError(
      /accessToken is an API key/,
    );
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
    await callOperation(
      client,
      { method: "POST", path: "/v1beta/models/{model}:generateContent", auth: ["googleQuery"] },
      { params: { path: { model: "g" } }, body: {} },
    );
    expect(server.hits[0]?.url).toBe(`/v1beta/models/g:generateContent?key=${KEY}`);
    expect(server.hits[0]?.headers.authorization).toBeUndefined();
    await callOperation(client, { method: "POST", path: "/v1/messages", auth: ["anthropic", "bearer"] }, { body: {} });
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
    await callOperation(
      client,
      { method: "POST", path: "/v1/messages", auth: ["anthropic"] },
      { params: { header: { "anthropic-version": "2024-01-01" } }, body: {} },
    );
    expect(server.hits[0]?.headers["anthropic-version"]).toBe("2024-01-01");
  });

  it("throws an EnvelopeError for an HTTP 200 account failure", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ success: false, message: "无权进行此操作，access token 无效" }));
    });
    const client = createGatewayClient(
      { accessToken: TOKEN, userId: 3, baseUrl: server.url },
      resolveAccountCredentials,
    );
    const err = await callOperation(client, {
      method: "GET",
      path: "/api/user/self",
      auth: ["accessToken"],
      envelope: "account",
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EnvelopeError);
    expect(server.hits[0]?.headers.authorization).toBe(TOKEN);
    expect(server.hits[0]?.headers["new-api-user"]).toBe("3");
  });

  it("sends an account call without New-Api-User when no user id is configured", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ success: true, message: "", data: { id: 3 } }));
    });
    const client = createGatewayClient(
      { apiKey: KEY, accessToken: TOKEN, baseUrl: server.url },
      resolveAccountCredentials,
    );
    await expect(
      callOperation(client, { method: "GET", path: "/api/user/self", auth: ["accessToken"], envelope: "account" }),
    ).resolves.toEqual({ id: 3 });
    expect(server.hits[0]?.headers.authorization).toBe(TOKEN);
    expect(server.hits[0]?.headers["new-api-user"]).toBeUndefined();
    await callOperation(client, { method: "GET", path: "/api/status", auth: ["none"], envelope: "account" });
    expect(server.hits[1]?.headers.authorization).toBeUndefined();
  });
});
