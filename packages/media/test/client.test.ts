import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { ConfigurationError, createMediaClient, operationCatalog, type CreateImageResult } from "../src/index.js";

let url = "";
let last = { url: "", body: "" };
const server = createServer(async (req, res) => {
  let body = "";
  for await (const chunk of req) body += chunk;
  last = { url: req.url ?? "", body };
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ created: 1, data: [{ url: "https://example.com/a.png" }] }));
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address();
  url = typeof a === "object" && a ? `http://127.0.0.1:${a.port}` : "";
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("@allmhub/media", () => {
  it("refuses a malformed base URL at creation", () => {
    expect(() => createMediaClient({ apiKey: "sk-1", baseUrl: "api.allmhub.com" })).toThrowError(ConfigurationError);
  });

  it("has a method for every operation of its catalog", () => {
    const media = createMediaClient({ apiKey: "sk-1", baseUrl: url });
    for (const entry of operationCatalog) if (entry.call) expect(typeof media[entry.call]).toBe("function");
    expect(operationCatalog.map((e) => e.operationId)).toContain("createImage");
  });

  it("generates images, typed", async () => {
    const media = createMediaClient({ apiKey: "sk-1", baseUrl: url });
    const images = await media.createImage({ model: "gpt-image-1", prompt: "a lighthouse", size: "1024x1024" });
    expectTypeOf(images).toEqualTypeOf<CreateImageResult>();
    expect(images.data?.[0]?.url).toBe("https://example.com/a.png");
    expect(last.url).toBe("/v1/images/generations");
    expect(JSON.parse(last.body)).toEqual({ model: "gpt-image-1", prompt: "a lighthouse", size: "1024x1024" });
  });
});
