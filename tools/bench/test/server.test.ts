import { createChatClient } from "@allmhub/chat";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatFixtures, loadSpec, longChatStream } from "../src/fixtures.mjs";
import { OVERHEAD_CONTENDERS, overheadCalls } from "../src/overhead.mjs";
import { spawnBenchServer, startBenchServer } from "../src/server.mjs";
import { STREAM_CONTENDERS, runStream, streamReaders } from "../src/stream.mjs";

const spec = loadSpec();
const { request, response, streamEvents } = chatFixtures(spec);
const CHUNKS = 300;

describe("fixtures from the spec", () => {
  it("takes the documented chat completion (allinone-basic) and the documented stream events", () => {
    expect(request.model).toBe("gpt-4.1-mini");
    expect(request.stream).toBeUndefined();
    expect(response.object).toBe("chat.completion");
    expect(response.choices[0].message.role).toBe("assistant");
    expect(streamEvents.length).toBeGreaterThan(3);
    expect(streamEvents.every((e: { object: string }) => e.object === "chat.completion.chunk")).toBe(true);
  });

  it("builds a long stream of the documented shape: role chunk, N content chunks, closing chunks, [DONE]", () => {
    const s = longChatStream(streamEvents, 25);
    const datas = s.body
      .split("\n\n")
      .filter(Boolean)
      .map((e: string) => e.replace(/^data: /, ""));
    expect(datas.at(-1)).toBe("[DONE]");
    const chunks = datas.slice(0, -1).map((d: string) => JSON.parse(d));
    expect(chunks.length).toBe(s.events);
    const contents = chunks.filter((c: any) => c.choices[0]?.delta?.content);
    expect(contents.length).toBe(25);
    expect(contents.map((c: any) => c.choices[0].delta.content).join("")).toBe(s.text);
    expect(chunks.some((c: any) => c.choices[0]?.finish_reason === "stop")).toBe(true);
    expect(() => longChatStream(streamEvents, 0)).toThrow(RangeError);
  });
});

describe("benchmark server and contenders (same work for every contender)", () => {
  let server: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    server = await startBenchServer({ spec, streamChunks: CHUNKS });
  });
  afterAll(() => server.close());

  it("listens on 127.0.0.1 only", () => {
    expect(new URL(server.url).hostname).toBe("127.0.0.1");
  });

  it("every per-call contender gets the documented answer", async () => {
    const calls = overheadCalls(server.url, request);
    expect(OVERHEAD_CONTENDERS).toEqual(["raw", "rawTimeout", "allmhub", "openai"]);
    for (const name of OVERHEAD_CONTENDERS) {
      const answer = await calls[name]();
      expect({ name, choices: answer.choices, id: answer.id }).toEqual({
        name,
        choices: response.choices,
        id: response.id,
      });
    }
  });

  it("every stream reader reads the same chunks and the same text", async () => {
    const readers = streamReaders(server.url, request);
    const expected = longChatStream(streamEvents, CHUNKS);
    expect(STREAM_CONTENDERS).toEqual(["bare", "bareTimeout", "allmhub", "openai"]);
    for (const name of STREAM_CONTENDERS) {
      const read = await readers[name]();
      expect({ name, chunks: read.chunks }).toEqual({ name, chunks: expected.events });
      expect(read.text).toBe(expected.text);
      expect(read.firstMs).toBeGreaterThan(0);
      expect(read.totalMs).toBeGreaterThanOrEqual(read.firstMs);
    }
  });

  it("the @allmhub client reads the stream as typed chunks ending with the finish reason", async () => {
    const chat = createChatClient({ apiKey: "sk-test", baseUrl: server.url });
    const chunks = await (await chat.createChatCompletionStream(request)).toArray();
    expect(chunks.length).toBe(longChatStream(streamEvents, CHUNKS).events);
    expect(chunks.some((c) => c.choices[0]?.finish_reason === "stop")).toBe(true);
  });

  it("answers 404 on other routes and 400 on a body that is not JSON", async () => {
    expect((await fetch(`${server.url}/v1/models`)).status).toBe(404);
    expect((await fetch(`${server.url}/v1/chat/completions`, { method: "POST", body: "{" })).status).toBe(400);
  });

  it("runStream summarizes paired rounds and checks that the readers did the same work", async () => {
    const r = await runStream({ baseUrl: server.url, request, rounds: 2, warmup: 0 });
    expect(r.chunks).toBe(longChatStream(streamEvents, CHUNKS).events);
    expect(r.totalMs.allmhub?.n).toBe(2);
    expect(r.ratios.totalVsBare.median).toBeGreaterThan(0);
    expect(r.ratios.firstVsBareTimeout.n).toBe(2);
  });
});

describe("spawnBenchServer", () => {
  it("runs the server in a child process and stops it", async () => {
    const server = await spawnBenchServer({ streamChunks: 10 });
    try {
      const res = await fetch(`${server.url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request),
      });
      expect((await res.json()).id).toBe(response.id);
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/v1/chat/completions`, { method: "POST", body: "{}" })).rejects.toThrow();
  });
});
