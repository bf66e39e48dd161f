import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  AuthenticationError,
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
