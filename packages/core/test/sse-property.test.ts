import { createParser } from "eventsource-parser";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Stream,
  StreamError,
  createEventParser,
  decodeServerSentEvents,
  jsonEventDecoder,
  type ServerSentEvent,
} from "./runtime.js";
import { createEventScanner } from "../src/sse.js";

/** A response whose body arrives in the given chunks. */
function chunked(chunks: Uint8Array[]): Response {
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      c.close();
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream" } });
}

/** Cuts bytes or text at the given offsets (taken modulo its length, sorted, deduplicated). */
function split<T extends Uint8Array | string>(whole: T, cuts: number[]): T[] {
  const points = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
  const out: T[] = [];
  let start = 0;
  for (const p of [...points, whole.length]) {
    if (p > start) out.push(whole.slice(start, p) as T);
    start = Math.max(start, p);
  }
  return out;
}

const decode = (response: Response) => new Stream<unknown>(response, new AbortController(), jsonEventDecoder).toArray();

const jsonEvent = fc.record({
  id: fc.string(),
  n: fc.integer(),
  text: fc.string({ unit: "grapheme" }),
  nested: fc.array(fc.boolean(), { maxLength: 3 }),
});

describe("SSE decoding under hostile framing (property tests)", () => {
  it("decodes the same events whatever the chunking, line endings, comments and [DONE]", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(jsonEvent, { maxLength: 8 }),
        fc.constantFrom("\n", "\r\n", "\r"),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 20 }),
        async (events, eol, comments, done, cuts) => {
          let text = "";
          for (const e of events) {
            if (comments) text += `: keep-alive${eol}`;
            text += `data: ${JSON.stringify(e)}${eol}${eol}`;
          }
          if (done) text += `data: [DONE]${eol}${eol}`;
          const chunks = split(new TextEncoder().encode(text), cuts);
          expect(await decode(chunked(chunks))).toEqual(events);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("ends with the events seen, or a StreamError, on arbitrary bytes: never another error, never a hang", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (bytes, cuts) => {
          const result = await decode(chunked(split(bytes, cuts))).then(
            (events) => ({ ok: true as const, events }),
            (error: unknown) => ({ ok: false as const, error }),
          );
          if (!result.ok) expect(result.error).toBeInstanceOf(StreamError);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("turns truncated or malformed JSON into a StreamError", async () => {
    await fc.assert(
      fc.asyncProperty(jsonEvent, fc.integer({ min: 1, max: 20 }), async (event, cut) => {
        const json = JSON.stringify(event);
        const broken = json.slice(0, Math.max(1, json.length - cut));
        const text = `data: ${JSON.stringify({ ok: 1 })}\n\ndata: ${broken}\n\n`;
        await expect(decode(chunked([new TextEncoder().encode(text)]))).rejects.toBeInstanceOf(StreamError);
      }),
      { numRuns: 100 },
    );
  });

  it("keeps events that arrive without a final blank line or [DONE] as far as they are complete", async () => {
    const text = 'data: {"a":1}\n\ndata: {"b":2}';
    expect(await decode(chunked([new TextEncoder().encode(text)]))).toEqual([{ a: 1 }]);
  });
});

describe("createEventParser agrees with eventsource-parser (differential property test)", () => {
  // Text made of the pieces that matter to SSE framing, so that fields, comments and every line ending
  // (including CRLF split between two chunks) show up often.
  const piece = fc.constantFrom(
    "data",
    "data:",
    "data: ",
    "event:",
    "event: ping",
    "id:",
    "id: 7",
    "id: a\0b",
    "retry: 10",
    ":",
    ": c",
    "x",
    '{"a":1}',
    " ",
    "\n",
    "\r",
    "\r\n",
    "\n\n",
    "é",
  );
  const streamText = fc.array(piece, { maxLength: 60 }).map((p) => p.join(""));

  it("dispatches the same events for any text and any chunking", () => {
    fc.assert(
      fc.property(streamText, fc.array(fc.nat(), { maxLength: 12 }), (text, cuts) => {
        const chunks = split(text, cuts);
        const ours: ServerSentEvent[] = [];
        const parser = createEventParser((e) => ours.push(e));
        for (const c of chunks) parser.feed(c);
        parser.end();
        const reference: ServerSentEvent[] = [];
        const oracle = createParser({ onEvent: (e) => reference.push({ event: e.event, data: e.data, id: e.id }) });
        for (const c of chunks) oracle.feed(c);
        oracle.feed("\n"); // the end of the stream counts as one line break, as createEventParser's end()
        expect(ours).toEqual(reference);
      }),
      { numRuns: 2000 },
    );
  });

  /** What eventsource-parser dispatches for the whole text, the end of the stream counting as one line break. */
  const oracle = (text: string): ServerSentEvent[] => {
    const reference: ServerSentEvent[] = [];
    const parser = createParser({ onEvent: (e) => reference.push({ event: e.event, data: e.data, id: e.id }) });
    parser.feed(text);
    parser.feed("\n");
    return reference;
  };

  it("the pull scanner dispatches the same events whatever is taken out between pushes", () => {
    fc.assert(
      fc.property(
        streamText,
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.array(fc.nat({ max: 3 }), { maxLength: 13 }),
        (text, cuts, pulls) => {
          const scanner = createEventScanner();
          const ours: ServerSentEvent[] = [];
          const take = (n: number) => {
            for (let event: ServerSentEvent | undefined; n-- > 0 && (event = scanner.next()); ) ours.push(event);
          };
          split(text, cuts).forEach((chunk, k) => {
            scanner.push(chunk);
            take(pulls[k] ?? 0); // often fewer than the chunk completes: the rest stays for after the next push
          });
          scanner.push("\n");
          take(Infinity);
          expect(ours).toEqual(oracle(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("decodeServerSentEvents dispatches the same events for any byte chunking", async () => {
    await fc.assert(
      fc.asyncProperty(streamText, fc.array(fc.nat(), { maxLength: 12 }), async (text, cuts) => {
        const ours: ServerSentEvent[] = [];
        for await (const e of decodeServerSentEvents(chunked(split(new TextEncoder().encode(text), cuts)).body!))
          ours.push(e);
        expect(ours).toEqual(oracle(text));
      }),
      { numRuns: 500 },
    );
  });

  it("closes a line at a CR at once and skips the LF that follows in the next chunk", () => {
    const seen: ServerSentEvent[] = [];
    const parser = createEventParser((e) => seen.push(e));
    parser.feed("event: a\rdata: 1\r\r");
    expect(seen).toEqual([{ event: "a", data: "1", id: undefined }]);
    parser.feed("\ndata: 2\r");
    parser.feed("\n\r\n");
    expect(seen).toEqual([
      { event: "a", data: "1", id: undefined },
      { event: undefined, data: "2", id: undefined },
    ]);
  });
});
