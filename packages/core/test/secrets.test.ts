// The key and the access token appear nowhere: not in any error's message, stack, toJSON (JSON.stringify),
// body, headers, cause (and its stack), task or reason, whatever the gateway echoes and wherever; no prefix
// of them either (text is scrubbed before it is cut). A property test over random keys, authentication
// schemes and the places a gateway can echo a credential.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AllmhubError,
  callOperation,
  createGatewayClient,
  resolveAccountCredentials,
  streamOperation,
  waitForTask,
  type AuthScheme,
} from "./runtime.js";
import { startServer, type TestServer } from "./server.js";

/** The credential of a request, as the gateway received it. */
function credentialOf(req: import("node:http").IncomingMessage): string {
  const auth = String(req.headers.authorization ?? "").replace(/^Bearer /, "");
  return String(
    req.headers["x-api-key"] ??
      req.headers["x-goog-api-key"] ??
      (new URL(req.url ?? "/", "http://x").searchParams.get("key") || auth),
  );
}

/** Where the gateway echoes the credential, and how. */
const ECHOES: Record<string, (res: import("node:http").ServerResponse, key: string, other: string) => void> = {
  "JSON error message": (res, key) =>
    res
      .writeHead(401, { "content-type": "application/json" })
      .end(JSON.stringify({ error: { message: `Invalid key ${key}` } })),
  "deep JSON fields and keys": (res, key) =>
    res
      .writeHead(400, { "content-type": "application/json" })
      .end(JSON.stringify({ error: { message: "bad", param: key, details: [{ [key]: [key, { key }] }] } })),
  "HTML page cut at 2000 characters inside the key": (res, key) =>
    res.writeHead(502, { "content-type": "text/html" }).end(`<html>${"-".repeat(1988 - 6)}${key}</html>`),
  "message cut at 200 characters inside the key": (res, key) =>
    res.writeHead(500, { "content-type": "text/plain" }).end(`${"-".repeat(188)}${key}`),
  "success body that is not JSON": (res, key) =>
    res.writeHead(200, { "content-type": "application/json" }).end(`<${"-".repeat(187)}${key}`),
  "response header": (res, key) =>
    res
      .writeHead(403, { "content-type": "application/json", "x-echo": `token=${key}`, "set-cookie": `k=${key}` })
      .end("{}"),
  "redirect location": (res, key) => res.writeHead(307, { location: `http://elsewhere.invalid/?key=${key}` }).end(),
  "2xx envelope failure": (res, key) =>
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ success: false, message: `no access for ${key}` })),
  "stream error event": (res, key) =>
    res
      .writeHead(200, { "content-type": "text/event-stream" })
      .end(`event: error\ndata: ${JSON.stringify({ error: { message: `key ${key} over quota` } })}\n\n`),
  "malformed stream event": (res, key) =>
    res.writeHead(200, { "content-type": "text/event-stream" }).end(`data: {not json ${"-".repeat(100)}${key}\n\n`),
  "malformed stream event of the key alone": (res, key) =>
    res.writeHead(200, { "content-type": "text/event-stream" }).end(`data: ${key}\n\n`),
  "JSON error answered to a stream call": (res, key) =>
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ error: { message: `bad key ${key}` } })),
  "task failure reason": (res, key) =>
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ status: "FAILURE", fail_reason: `upstream rejected ${key}`, key })),
  "task status while it runs out of time": (res, key) =>
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: `RUNNING ${key}` })),
};

/** Everything an error shows: its messages, stacks, JSON, bodies, headers, task, reason, and the same of its causes. */
function exposed(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (
    let e = error as Record<string, unknown> | undefined;
    e && typeof e === "object" && !seen.has(e);
    e = e.cause as Record<string, unknown> | undefined
  ) {
    seen.add(e);
    parts.push(
      String(e),
      String(e.message),
      String(e.stack),
      JSON.stringify(e),
      JSON.stringify(e.body ?? null),
      JSON.stringify(e.task ?? null),
      String(e.reason),
    );
    if (e.headers instanceof Headers) parts.push(JSON.stringify([...e.headers]));
  }
  return parts.join("\n");
}

/** No window of 8 characters of the secret in the text: neither the secret nor a prefix of it. */
function expectNoPieceOf(secret: string, text: string, what: string): void {
  for (let i = 0; i + 8 <= secret.length; i++)
    if (text.includes(secret.slice(i, i + 8)))
      throw new Error(`${what}: "${secret.slice(i, i + 8)}" of the secret shows`);
}

let server: TestServer;
let echo = "";
beforeAll(async () => {
  server = await startServer((req, res) => {
    const key = credentialOf(req);
    ECHOES[echo]!(res, key, "");
  });
});
afterAll(() => server.close());

const secret = fc.stringMatching(/^[A-Za-z0-9]{24,40}$/);
const SCHEMES: AuthScheme[] = ["bearer", "anthropic", "google", "googleQuery", "accessToken"];

/** Calls with this key and token, the gateway echoing the credential `where`; checks the error shows no piece of either. */
async function check(key: string, token: string, scheme: AuthScheme, where: string): Promise<void> {
  echo = where;
  const client = createGatewayClient(
    { apiKey: key, accessToken: token, userId: 1, baseUrl: server.url, maxRetries: 0 },
    resolveAccountCredentials,
  );
  const op = { method: "POST", path: "/v1/op", auth: [scheme] } as const;
  let error: unknown;
  try {
    if (where.startsWith("task")) {
      const read = (options: object) => callOperation(client, { ...op, method: "GET" }, {}, options);
      await waitForTask(
        read,
        { status: ["status"], done: ["SUCCESS"], failed: ["FAILURE"], reason: ["fail_reason"] },
        { timeoutMs: 150, intervalMs: 100 },
        "t1",
        { gateway: client },
      );
    } else if (where.includes("stream")) await (await streamOperation(client, op, { body: {} })).toArray();
    else
      await callOperation(
        client,
        { ...op, envelope: where.includes("envelope") ? "account" : undefined },
        { body: {} },
      );
  } catch (e) {
    error = e;
  }
  expect(error, where).toBeInstanceOf(AllmhubError);
  const text = exposed(error);
  expectNoPieceOf(key, text, `${where} (${scheme})`);
  expectNoPieceOf(token, text, `${where} (${scheme})`);
}

describe("secrets in errors", () => {
  for (const where of Object.keys(ECHOES)) {
    it(`never show when the gateway echoes them in a ${where}, for every scheme`, async () => {
      for (const scheme of SCHEMES)
        await check("sk-fixed-secret-key-0123456789", "tok-fixed-access-token-0123456789", scheme, where);
    });
  }

  it("never show, whatever the gateway echoes, for random keys and schemes (property test)", async () => {
    await fc.assert(
      fc.asyncProperty(
        secret,
        secret,
        fc.constantFrom(...SCHEMES),
        fc.constantFrom(...Object.keys(ECHOES)),
        (key, token, scheme, where) => check(`sk-${key}`, `tok-${token}`, scheme, where),
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  it("never show in the cause of a connection error, nor in its stack", async () => {
    const key = "sk-cause-secret-0123456789abcdef";
    const failing = (async (url: string) => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error(`connect ECONNRESET ${url}`), { code: "ECONNRESET", url }),
      });
    }) as unknown as typeof fetch;
    const client = createGatewayClient({ apiKey: key, baseUrl: server.url, maxRetries: 0, fetch: failing });
    const error = await callOperation(client, { method: "GET", path: "/v1/x", auth: ["googleQuery"] }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: "APIConnectionError" });
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    expect(((error as Error).cause as Error).cause).toMatchObject({ code: "ECONNRESET" });
    expectNoPieceOf(key, exposed(error), "cause");
  });
});
