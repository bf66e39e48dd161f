import { EventSourceParserStream } from "eventsource-parser/stream";
import { StreamError } from "./errors.js";

/** One decoded server-sent event. */
export interface ServerSentEvent {
  /** The `event:` field, when the server named the event (Anthropic does; OpenAI does not). */
  event: string | undefined;
  /** The `data:` lines, joined with newlines. */
  data: string;
  /** The `id:` field, when present. */
  id: string | undefined;
}

/** Decodes a byte stream of `text/event-stream` into events, with a conforming SSE parser. */
export async function* decodeServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const reader = body
    .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
    .pipeThrough(endOfStreamNewline())
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield { event: value.event, data: value.data, id: value.id };
    }
  } finally {
    // Runs on normal end, on error and when the consumer stops early: the connection is released.
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * Adds a line feed when the body ends. A body that ends in a lone carriage return (`\r\r` closing the
 * last event) otherwise leaves the parser waiting for a `\n` that never comes, and the last event is lost.
 * An extra blank line is harmless: it dispatches nothing that was not complete.
 */
function endOfStreamNewline(): TransformStream<string, string> {
  return new TransformStream<string, string>({
    transform(chunk, controller) {
      controller.enqueue(chunk);
    },
    flush(controller) {
      controller.enqueue("\n");
    },
  });
}

/** How a stream's events become typed values. */
export interface StreamDecoder<T> {
  /**
   * Turns one event into a value, or returns `"done"` to end the stream, or `"skip"` to ignore it.
   * Throwing ends the stream with that error.
   */
  (event: ServerSentEvent): T | "done" | "skip";
}

/**
 * The default decoder of the gateway's JSON event streams: `data:` is JSON, `[DONE]` ends the stream, an
 * `error` event (Anthropic) or a `{ "error": … }` payload (OpenAI-compatible relays) ends it with a
 * {@link StreamError}, and `ping` events are kept (Anthropic sends them as `{type:"ping"}`).
 */
export function jsonEventDecoder<T>(event: ServerSentEvent): T | "done" | "skip" {
  const data = event.data;
  if (data.trim() === "[DONE]") return "done";
  if (data.trim() === "") return "skip";
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    throw new StreamError(`Malformed event in stream: ${data.slice(0, 120)}`);
  }
  if (event.event === "error" || isErrorPayload(parsed)) {
    const message = errorMessage(parsed) ?? "The stream reported an error.";
    throw new StreamError(message, parsed);
  }
  return parsed as T;
}

function isErrorPayload(v: unknown): boolean {
  if (!v || typeof v !== "object") return false;
  const o = v as Record<string, unknown>;
  return o.error !== undefined && o.error !== null && Object.keys(o).length <= 2 && o.type !== "response.failed";
}

function errorMessage(v: unknown): string | undefined {
  if (!v || typeof v !== "object") return undefined;
  const o = v as Record<string, unknown>;
  const e = o.error;
  if (e && typeof e === "object" && typeof (e as Record<string, unknown>).message === "string") {
    return (e as Record<string, unknown>).message as string;
  }
  if (typeof e === "string") return e;
  // Responses streams: `event: error` with `{ type: "error", code, message }`.
  return typeof o.message === "string" ? o.message : undefined;
}

/**
 * A typed stream of events. Iterate it with `for await`; stop early with `break` or {@link Stream.abort}:
 * either way the HTTP connection is released.
 */
export class Stream<T> implements AsyncIterable<T> {
  /** The HTTP response the events are read from. */
  readonly response: Response;
  private readonly controller: AbortController;
  private readonly decode: StreamDecoder<T>;
  private consumed = false;

  constructor(response: Response, controller: AbortController, decode: StreamDecoder<T> = jsonEventDecoder) {
    this.response = response;
    this.controller = controller;
    this.decode = decode;
  }

  /** Cancels the request and releases the connection. Iteration then ends. */
  abort(): void {
    this.controller.abort();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.consumed) throw new StreamError("A stream can be iterated only once.");
    this.consumed = true;
    const body = this.response.body;
    if (!body) throw new StreamError("The response has no body to stream.");
    let finished = false;
    try {
      for await (const event of decodeServerSentEvents(body)) {
        const value = this.decode(event);
        if (value === "done") {
          finished = true;
          return;
        }
        if (value === "skip") continue;
        yield value;
      }
      finished = true;
    } catch (err) {
      if (this.controller.signal.aborted) return;
      if (err instanceof StreamError) throw err;
      throw new StreamError(`The stream broke: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      if (!finished) this.controller.abort();
    }
  }

  /** Reads the whole stream into an array. */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for await (const v of this) out.push(v);
    return out;
  }
}
