// Every stream says how it ended: the dialect's end ends it; a body cut before that end is a StreamError
// after the events received; an abort is APIUserAbortError; a stall past the call's timeout is
// APITimeoutError; a JSON error or an HTML page answered to a stream call is that answer's typed error;
// an event over maxEventSize is a StreamError, and a long line is parsed in time linear in its length.
import { afterEach, describe, expect, it } from "vitest";
import {
  APIError,
  APITimeoutError,
  APIUserAbortError,
  StreamError,
  createEventScanner,
  createGatewayClient,
  streamOperation,
  type OperationDescriptor,
} from "./runtime.js";
import { startServer, type TestServer } from "./server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const gateway = (url: string, extra: Record<string, unknown> = {}) =>
  createGatewayClient({ apiKey: "sk-stream-endings", baseUrl: url, maxRetries: 0, ...extra });

/** Each dialect: its descriptor (`streamEnd` as generated from the spec), two events, and its end. */
const DIALECTS: Array<{ name: string; op: OperationDescriptor; events: string; end: string }> = [
  {
    name: "OpenAI chat",
    op: { method: "POST", path: "/v1/chat/completions", streamEnd: ["[DONE]"] },
    events: 'data: {"choices":[{"delta":{"content":"Hel"}}]}\n\ndata: {"choices":[{"delta":{"content":"lo"}}]}\n\n',
    end: "data: [DONE]\n\n",
  },
  {
    name: "Claude",
    op: { method: "POST", path: "/v1/messages", streamEnd: ["message_stop"] },
    events:
      'event: message_start\ndata: {"type":"message_start"}\n\nevent: content_block_delta\ndata: {"type":"content_block_delta"}\n\n',
    end: 'event: message_stop\ndata: {"type":"message_stop"}\n\n',
  },
  {
    name: "Responses",
    op: {
      method: "POST",
      path: "/v1/responses",
      streamEnd: ["response.completed", "response.failed", "response.incomplete"],
    },
    events:
      'event: response.created\ndata: {"type":"response.created"}\n\nevent: response.output_text.delta\ndata: {"type":"response.output_text.delta"}\n\n',
    end: 'event: response.completed\ndata: {"type":"response.completed"}\n\n',
  },
];

const serve = (text: string, headers: Record<string, string> = { "content-type": "text/event-stream" }) =>
  startServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(text);
  });

/** Iterates a stream, keeping what it yields and how it ended. */
async function drain<T>(stream: AsyncIterable<T>, each?: (value: T) => void): Promise<{ seen: T[]; error: unknown }> {
  const seen: T[] = [];
  try {
    for await (const value of stream) {
      seen.push(value);
      each?.(value);
    }
    return { seen, error: undefined };
  } catch (error) {
    return { seen, error };
  }
}

describe("a stream cut before its dialect's end", () => {
  for (const { name, op, events, end } of DIALECTS) {
    it(`${name}: a StreamError after the events received; complete, it ends cleanly`, async () => {
      for (const cut of [events, `${events}data: {"partial`]) {
        server = await serve(cut);
        const { seen, error } = await drain(await streamOperation(gateway(server.url), op, { body: {} }));
        expect(seen).toHaveLength(2);
        expect(error).toBeInstanceOf(StreamError);
        expect((error as Error).message).toBe(`The stream was cut before ${op.streamEnd!.join(" or ")}.`);
        await server.close();
      }
      server = await serve(events + end);
      const { seen, error } = await drain(await streamOperation(gateway(server.url), op, { body: {} }));
      expect(error).toBeUndefined();
      expect(seen.length).toBeGreaterThanOrEqual(2);
    });
  }

  it("Gemini has no end event: the end of the body ends it", async () => {
    server = await serve('data: {"candidates":[]}\n\ndata: {"candidates":[]}\n\n');
    const { seen, error } = await drain(
      await streamOperation(
        gateway(server.url),
        { method: "POST", path: "/v1beta/models/{model}:streamGenerateContent" },
        { params: { path: { model: "g" } }, body: {} },
      ),
    );
    expect([seen.length, error]).toEqual([2, undefined]);
  });
});

describe("an aborted stream", () => {
  const open = () =>
    startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write('data: {"n":1}\n\ndata: {"n":2}\n\n'); // never ends
    });

  it("throws APIUserAbortError when stream.abort() is called midway", async () => {
    server = await open();
    const stream = await streamOperation<{ n: number }>(gateway(server.url), DIALECTS[0]!.op, { body: {} });
    const { seen, error } = await drain(stream, () => stream.abort());
    expect(seen).toEqual([{ n: 1 }]);
    expect(error).toBeInstanceOf(APIUserAbortError);
  });

  it("throws APIUserAbortError when the call's signal aborts midway", async () => {
    server = await open();
    const controller = new AbortController();
    const stream = await streamOperation<{ n: number }>(
      gateway(server.url),
      DIALECTS[0]!.op,
      { body: {} },
      { signal: controller.signal },
    );
    const { seen, error } = await drain(stream, () => controller.abort());
    expect(seen).toEqual([{ n: 1 }]);
    expect(error).toBeInstanceOf(APIUserAbortError);
  });
});

describe("a stalled stream", () => {
  it("fails with APITimeoutError once no read comes within the call's timeout (an idle timeout between events)", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write('data: {"n":1}\n\n'); // then nothing, the connection open
    });
    const started = Date.now();
    const stream = await streamOperation<{ n: number }>(gateway(server.url, { timeout: 300 }), DIALECTS[0]!.op, {
      body: {},
    });
    const { seen, error } = await drain(stream);
    expect(seen).toEqual([{ n: 1 }]);
    expect(error).toBeInstanceOf(APITimeoutError);
    expect((error as Error).message).toBe("Stream idle for 300 ms.");
    expect(Date.now() - started).toBeLessThan(3000);
    await server.closed[0];
  }, 10_000);

  it("lives as long as events keep coming, each within the timeout", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      let n = 0;
      const tick = setInterval(() => {
        if (++n <= 8) res.write(`data: {"n":${n}}\n\n`);
        else {
          clearInterval(tick);
          res.end("data: [DONE]\n\n");
        }
      }, 100);
    });
    const stream = await streamOperation(gateway(server.url, { timeout: 400 }), DIALECTS[0]!.op, { body: {} });
    const { seen, error } = await drain(stream);
    expect([seen.length, error]).toEqual([8, undefined]);
  });
});

describe("a stream call answered with something else than events", () => {
  it("raises the typed error of a JSON error body", async () => {
    server = await serve(
      '{"error":{"message":"model not found","type":"invalid_request_error","code":"model_not_found"}}',
      { "content-type": "application/json" },
    );
    const err = await streamOperation(gateway(server.url), DIALECTS[0]!.op, { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect(err).toMatchObject({ status: 200, code: "model_not_found", message: "200 model not found" });
  });

  it("raises an APIError quoting an HTML page", async () => {
    server = await serve("<html><body>Sign in to the proxy</body></html>", { "content-type": "text/html" });
    const err = await streamOperation(gateway(server.url), DIALECTS[0]!.op, { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as Error).message).toContain("non-JSON answer (HTML page)");
  });
});

describe("event size", () => {
  it("ends the stream with a StreamError past maxEventSize, after the events before it", async () => {
    server = await serve(`data: {"n":1}\n\ndata: {"big":"${"x".repeat(300_000)}"}\n\n`);
    const { seen, error } = await drain(
      await streamOperation(
        gateway(server.url, { maxEventSize: 100_000 }),
        { method: "POST", path: "/x" },
        { body: {} },
      ),
    );
    expect(seen).toEqual([{ n: 1 }]);
    expect(error).toBeInstanceOf(StreamError);
    expect((error as Error).message).toBe("An event is longer than maxEventSize (100000 characters).");
  });

  it("takes 16 MiB by default, and stops reading an endless line there", async () => {
    let sent = 0;
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      const piece = "x".repeat(1 << 20);
      const more = () => {
        while (sent < 64 << 20) {
          sent += piece.length;
          if (!res.write(piece)) return void res.once("drain", more);
        }
        res.end();
      };
      res.write("data: ");
      more();
    });
    const { error } = await drain(
      await streamOperation(gateway(server.url), { method: "POST", path: "/x" }, { body: {} }),
    );
    expect(error).toBeInstanceOf(StreamError);
    expect((error as Error).message).toContain("(16777216 characters)");
    expect(sent).toBeLessThan(48 << 20);
  }, 30_000);

  it("parses a line of 15 MiB pushed in 16 KiB pieces in linear time", () => {
    const scanner = createEventScanner();
    const piece = "y".repeat(16384);
    const started = performance.now();
    scanner.push('data: {"s":"');
    for (let size = 0; size < 15 << 20; size += piece.length) {
      scanner.push(piece);
      expect(scanner.next()).toBeUndefined();
    }
    scanner.push('"}\n\n');
    expect(scanner.next()?.data.length).toBe((15 << 20) + 8);
    // Linear: about 50 ms; quadratic (the whole line copied and searched again on each push): minutes.
    expect(performance.now() - started).toBeLessThan(5000);
  }, 60_000);
});
