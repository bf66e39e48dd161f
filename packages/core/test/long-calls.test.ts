import { Agent, fetch as undiciFetch } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { APIConnectionError, callOperation, createGatewayClient } from "./runtime.js";
import { startServer, type TestServer } from "./server.js";

// Node's fetch (undici) gives up on an answer whose headers take longer than its own headersTimeout (300 s
// by default), whatever the SDK's timeout. The README's recipe: a `fetch` whose dispatcher has no such
// limit, so that the SDK's `timeout` is the only one. Scaled down here: the server answers after 2.5 s and
// the transport's own limit is 250 ms (undici's timers are coarse: it fires after about a second).
const chat = { method: "POST", path: "/v1/chat/completions" } as const;
const ANSWER_AFTER_MS = 2500;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function slowServer(): Promise<TestServer> {
  return startServer((_req, res) => {
    setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'), ANSWER_AFTER_MS);
  });
}

/** A client whose requests go through undici's fetch with the given dispatcher. */
function clientWith(dispatcher: Agent, url: string, timeout = 10_000) {
  return createGatewayClient({
    apiKey: "sk-long-calls",
    baseUrl: url,
    maxRetries: 2,
    timeout,
    fetch: clientFetch(dispatcher),
  });
}

/** undici's fetch with the given dispatcher, as the client's `fetch` (the README's recipe). */
function clientFetch(dispatcher: Agent): typeof fetch {
  return ((input: string, init: RequestInit) =>
    undiciFetch(input, { ...init, dispatcher } as never)) as unknown as typeof fetch;
}

describe("calls that outlast the transport's own headers timeout", () => {
  it("fail as a connection error, without a retry, when the dispatcher's headersTimeout fires first", async () => {
    server = await slowServer();
    const short = new Agent({ headersTimeout: 250 });
    const err = await callOperation(clientWith(short, server.url), chat, { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionError);
    expect((err as Error).message).toMatch(/Headers Timeout/);
    // The call outlasted the transport's limit and would again: it is not sent (and billed) twice.
    expect(server.hits).toHaveLength(1);
    await short.close();
  });

  it("get their answer with a dispatcher without one (headersTimeout: 0), the SDK's timeout still applying", async () => {
    server = await slowServer();
    const patient = new Agent({ headersTimeout: 0, bodyTimeout: 0 });
    await expect(callOperation(clientWith(patient, server.url), chat, { body: {} })).resolves.toEqual({ ok: true });
    const late = createGatewayClient({
      apiKey: "sk-long-calls",
      baseUrl: server.url,
      maxRetries: 0,
      timeout: 100,
      fetch: clientFetch(patient),
    });
    await expect(callOperation(late, chat, { body: {} })).rejects.toMatchObject({ name: "APITimeoutError" });
    await patient.close();
  });
});
