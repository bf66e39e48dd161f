// Credentials and bodies never leave the gateway's origin: a redirect is refused with an APIError (its
// location in the message and the headers) and where it points gets no request at all, for every
// authentication scheme and every redirect status. new-api never redirects an API call: a redirect means a
// proxy or a base URL to fix (http to https, a login page), and the SDK does not guess where to send the key.
import { afterEach, describe, expect, it } from "vitest";
import {
  APIError,
  type GatewayClient,
  callOperation,
  createGatewayClient,
  createRawClient,
  resolveAccountCredentials,
  streamOperation,
  type AuthScheme,
} from "./runtime.js";
import { startServer, type TestServer } from "./server.js";

const KEY = "sk-redirect-secret-0123456789";
const TOKEN = "access-token-secret-0123456789";
let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
const start = async (handler: Parameters<typeof startServer>[0]) => {
  const s = await startServer(handler);
  servers.push(s);
  return s;
};

const SCHEMES: AuthScheme[] = ["bearer", "anthropic", "google", "googleQuery", "accessToken"];
const client = (url: string) =>
  createGatewayClient(
    { apiKey: KEY, accessToken: TOKEN, userId: 7, baseUrl: url, maxRetries: 0 },
    resolveAccountCredentials,
  );

describe("a redirect to another origin", () => {
  for (const scheme of SCHEMES) {
    for (const status of [301, 302, 303, 307, 308]) {
      it(`is not followed with ${scheme} credentials (${status})`, async () => {
        const elsewhere = await start((_req, res) =>
          res.writeHead(200, { "content-type": "application/json" }).end("{}"),
        );
        const gateway = await start((_req, res) =>
          res.writeHead(status, { location: `${elsewhere.url}/collect` }).end(),
        );
        const err = await callOperation(
          client(gateway.url),
          { method: "POST", path: "/v1/messages", auth: [scheme] },
          { body: { prompt: "the user's prompt" } },
        ).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(APIError);
        expect(err).toMatchObject({ status, message: `${status} redirect to ${elsewhere.url}/collect not followed` });
        expect(elsewhere.hits).toHaveLength(0);
        expect(gateway.hits).toHaveLength(1);
      });
    }
  }

  it("is not followed by a stream call, nor by the openapi-fetch client (which answers the redirect itself)", async () => {
    const elsewhere = await start((_req, res) =>
      res.writeHead(200, { "content-type": "text/event-stream" }).end("data: [DONE]\n\n"),
    );
    const gateway = await start((_req, res) =>
      res.writeHead(307, { location: `${elsewhere.url}/v1/chat/completions` }).end(),
    );
    await expect(
      streamOperation(
        client(gateway.url),
        { method: "POST", path: "/v1/chat/completions" },
        { body: { stream: true } },
      ),
    ).rejects.toBeInstanceOf(APIError);
    type Paths = { "/v1/models": { get: { responses: { 200: { content: { "application/json": unknown } } } } } };
    const raw = createRawClient(client(gateway.url) as GatewayClient<Paths>);
    const { response } = await raw.GET("/v1/models");
    expect(response.status).toBe(307);
    expect(elsewhere.hits).toHaveLength(0);
  });
});

describe("a redirect within the gateway's origin", () => {
  it("is refused too, the location in the error's headers", async () => {
    const gateway = await start((_req, res) => res.writeHead(308, { location: "/v1/other" }).end());
    const err = await callOperation(
      client(gateway.url),
      { method: "POST", path: "/v1/chat/completions" },
      { body: { n: 1 } },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "APIError", status: 308, message: "308 redirect to /v1/other not followed" });
    expect((err as APIError).headers?.get("location")).toBe("/v1/other");
    expect(gateway.hits).toHaveLength(1);
  });

  it("is not retried, and a location carrying the key is scrubbed", async () => {
    const gateway = await start((_req, res) => res.writeHead(302, { location: `/login?next=/v1/x&key=${KEY}` }).end());
    const err = await callOperation(client(gateway.url), { method: "GET", path: "/v1/x", auth: ["googleQuery"] }).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toBe("302 redirect to /login?next=/v1/x&key=[redacted] not followed");
    expect(JSON.stringify([...((err as APIError).headers ?? [])])).not.toContain(KEY);
    expect(gateway.hits).toHaveLength(1);
  });
});
