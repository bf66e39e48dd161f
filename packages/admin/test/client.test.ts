import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  AuthenticationError,
  ConfigurationError,
  createAdminClient,
  operationCatalog,
  type AnthropicModel,
  type Model,
} from "../src/index.js";

let url = "";
const server = createServer((req, res) => {
  if (req.headers.authorization !== "Bearer sk-good") {
    res.writeHead(401, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: "无效的令牌", type: "new_api_error" } }));
    return;
  }
  res.writeHead(200, { "content-type": "application/json" });
  if (req.headers["x-api-key"] && req.headers["anthropic-version"]) {
    const data = [
      {
        id: "claude-sonnet-4-20250514",
        created_at: "2021-07-20T10:40:00Z",
        display_name: "claude-sonnet-4-20250514",
        type: "model",
      },
    ];
    res.end(JSON.stringify({ data, first_id: data[0]?.id, last_id: data[0]?.id, has_more: false }));
    return;
  }
  res.end(
    JSON.stringify({
      object: "list",
      success: true,
      data: [{ id: "gpt-4.1-mini", object: "model", created: 1, owned_by: "openai" }],
    }),
  );
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address();
  url = typeof a === "object" && a ? `http://127.0.0.1:${a.port}` : "";
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("@allmhub/admin", () => {
  it("has a method for every operation of its catalog", () => {
    const admin = createAdminClient({ apiKey: "sk-good", baseUrl: url });
    for (const entry of operationCatalog) if (entry.call) expect(typeof admin[entry.call]).toBe("function");
  });

  it("lists models, typed", async () => {
    const admin = createAdminClient({ apiKey: "sk-good", baseUrl: url });
    const models = await admin.listModels();
    if (models.object !== "list") throw new Error("expected the OpenAI list");
    expectTypeOf(models.data).toEqualTypeOf<Model[]>();
    expect(models.data.map((m) => m.id)).toEqual(["gpt-4.1-mini"]);
  });

  it("lists models in the Anthropic format when both Anthropic headers are sent", async () => {
    const admin = createAdminClient({ apiKey: "sk-good", baseUrl: url });
    const models = await admin.listModels({ headers: { "x-api-key": "sk-good", "anthropic-version": "2023-06-01" } });
    if (models.object === "list") throw new Error("expected the Anthropic list");
    expectTypeOf(models.data).toEqualTypeOf<AnthropicModel[]>();
    expect(models.data.map((m) => m.id)).toEqual(["claude-sonnet-4-20250514"]);
    expect(models.has_more).toBe(false);
  });

  it("turns a rejected key into AuthenticationError", async () => {
    const admin = createAdminClient({ apiKey: "sk-bad", baseUrl: url });
    await expect(admin.listModels()).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe("credentials per route", () => {
  const seen: { path: string; authorization?: string; user?: string }[] = [];
  let base = "";
  const echo = createServer((req, res) => {
    seen.push({
      path: req.url ?? "",
      authorization: req.headers.authorization,
      user: req.headers["new-api-user"] as string | undefined,
    });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify(
        req.url?.startsWith("/api/pricing") ? { success: true, data: [] } : { success: true, message: "", data: [] },
      ),
    );
  });
  beforeAll(async () => {
    await new Promise<void>((r) => echo.listen(0, "127.0.0.1", r));
    const a = echo.address();
    base = typeof a === "object" && a ? `http://127.0.0.1:${a.port}` : "";
  });
  afterAll(() => new Promise<void>((r) => echo.close(() => r())));
  const last = () => seen.at(-1);

  it("sends the access token to account APIs, with New-Api-User only when a user id is configured", async () => {
    await createAdminClient({ apiKey: "sk-key", accessToken: "tok", baseUrl: base }).listUserModels();
    expect(last()).toEqual({ path: "/api/user/models", authorization: "tok", user: undefined });
    await createAdminClient({ apiKey: "sk-key", accessToken: "tok", userId: 7, baseUrl: base }).listUserLogs({
      type: 2,
    });
    expect(last()).toEqual({ path: "/api/log/self?type=2", authorization: "tok", user: "7" });
  });

  it("sends no credentials to public routes, and the access token to /api/pricing only when there is one", async () => {
    const both = createAdminClient({ apiKey: "sk-key", accessToken: "tok", baseUrl: base });
    await both.getStatus();
    expect(last()).toMatchObject({ path: "/api/status", authorization: undefined });
    await both.listGroups();
    expect(last()).toMatchObject({ path: "/api/user/groups", authorization: undefined });
    await both.getPricing();
    expect(last()).toMatchObject({ path: "/api/pricing", authorization: "tok" });
    await createAdminClient({ apiKey: "sk-key", baseUrl: base }).getPricing();
    expect(last()).toMatchObject({ path: "/api/pricing", authorization: undefined });
  });

  it("sends the API key, never the access token, to the key's own log; the legacy ?key= only when asked", async () => {
    const both = createAdminClient({ apiKey: "sk-key", accessToken: "tok", baseUrl: base });
    await both.getTokenLogs();
    expect(last()).toMatchObject({ path: "/api/log/token", authorization: "Bearer sk-key" });
    await both.getTokenLogs({ key: "sk-key" });
    expect(last()?.path).toBe("/api/log/token?key=sk-key");
  });

  it("refuses, before any request, a route whose credential the client lacks", async () => {
    const before = seen.length;
    await expect(createAdminClient({ accessToken: "tok", baseUrl: base }).getTokenLogs()).rejects.toBeInstanceOf(
      ConfigurationError,
    );
    await expect(createAdminClient({ apiKey: "sk-key", baseUrl: base }).listTokens()).rejects.toThrow(/account API/);
    expect(() => createAdminClient({ accessToken: "sk-key", baseUrl: base })).toThrow(/accessToken is an API key/);
    expect(seen.length).toBe(before);
  });
});
