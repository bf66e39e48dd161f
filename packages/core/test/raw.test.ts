import { afterEach, describe, expect, it } from "vitest";
import { ConfigurationError, createRawClient, createGatewayClient, type GatewayClient } from "./runtime.js";
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

describe("createRawClient", () => {
  it("is openapi-fetch's client with the gateway's base URL, headers and key: { data, error } instead of throwing", async () => {
    server = await startServer((req, res) =>
      req.url === "/v1/models" ? json(res, 200, { data: [] }) : json(res, 404, { error: { message: "no" } }),
    );
    const raw = createRawClient(client(server.url, { headers: { "x-client": "a" } }));
    const ok = await raw.GET("/v1/models" as never);
    expect(ok.data).toEqual({ data: [] });
    const missing = await raw.GET("/nope" as never);
    expect(missing.error).toEqual({ error: { message: "no" } });
    expect(missing.response.status).toBe(404);
    expect(server.hits[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(server.hits[0]?.headers["x-client"]).toBe("a");
  });

  it("refuses what is not a gateway client", () => {
    expect(() => createRawClient({} as GatewayClient<object>)).toThrow(ConfigurationError);
  });
});
