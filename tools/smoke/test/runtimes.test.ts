// The smoke program (a call, a stream, a multipart upload, a binary answer, an abort) in Node 20 and 22, Bun,
// Deno, workerd and headless Chromium, against the mock gateway: every runtime gets what Node gets in-process,
// and every request it sends matches the spec. A missing runtime fails its test, saying how to install it.
import { createRequire } from "node:module";
import { startMockGateway } from "@allmhub/mock-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RUNTIME_HEADER, RUNTIMES, SMOKE_KEY, runSmoke, smoke } from "../src/index.mjs";

type Gateway = Awaited<ReturnType<typeof startMockGateway>>;
type Report = Awaited<ReturnType<typeof smoke>>;

const spec = createRequire(import.meta.url).resolve("@allmhub/spec/dist/openapi.json");
/** What each runtime reports itself as. */
const RUNTIME_NAMES: Record<(typeof RUNTIMES)[number], RegExp> = {
  "node-20": /^node 20\./,
  "node-22": /^node 22\./,
  bun: /^bun 1\./,
  deno: /^deno 2\./,
  workerd: /^Cloudflare-Workers$/,
  chromium: /HeadlessChrome\//,
};

let gateway: Gateway;
let expected: Report;

beforeAll(async () => {
  gateway = await startMockGateway({ spec, apiKeys: [SMOKE_KEY] });
  expected = await smoke(gateway.url, "in-process");
});

afterAll(() => gateway?.close());

describe("smoke program", () => {
  it("in-process (Node, under vitest): each step gets the gateway's documented answer", () => {
    expect(expected.call).toEqual(expect.any(String));
    expect(expected.stream.chunks).toBeGreaterThan(1);
    expect(expected.stream.text).toEqual(expect.any(String));
    expect(expected.upload).toEqual(expect.any(String));
    expect(expected.binary).toEqual({ type: "audio/mpeg", bytes: expect.stringMatching(/^([0-9a-f]{2})+$/) });
    expect(expected.abort).toBe("APIUserAbortError");
  });

  it.each(RUNTIMES)("%s: the same report, from requests that all match the spec", async (runtime) => {
    const report = await runSmoke(runtime, gateway.url);
    expect(report).toEqual({ ...expected, runtime: expect.stringMatching(RUNTIME_NAMES[runtime]) });
    const sent = gateway.requests.filter((r) => r.headers[RUNTIME_HEADER] === runtime);
    // The aborted call may or may not reach the gateway before its connection is dropped.
    expect(sent.slice(0, 4).map((r) => [r.operationId, r.status, r.violation])).toEqual([
      ["createChatCompletion", 200, null],
      ["createChatCompletion", 200, null],
      ["createTranscription", 200, null],
      ["createSpeech", 200, null],
    ]);
    expect(sent.filter((r) => r.violation)).toEqual([]);
  });
});
