import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Stream, StreamError, jsonEventDecoder } from "../src/index.js";

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

/** Cuts bytes at the given (sorted, deduplicated) offsets. */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let start = 0;
  for (const p of [...points, bytes.length]) {
    if (p > start) out.push(bytes.slice(start, p));
    start = Math.max(start, p);
  }
  return out;
}

const decode = (response: Response) => new Stream<unknown>(response, new AbortController(), jsonEventDecoder).toArray();

const jsonEvent = fc.record({ id: fc.string(), n: fc.integer(), text: fc.string({ unit: "grapheme" }), nested: fc.array(fc.boolean(), { maxLength: 3 }) });

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
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(), { maxLength: 10 }), async (bytes, cuts) => {
        const result = await decode(chunked(split(bytes, cuts))).then(
          (events) => ({ ok: true as const, events }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        if (!result.ok) expect(result.error).toBeInstanceOf(StreamError);
      }),
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
