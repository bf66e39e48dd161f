import { StreamError } from "./errors.js";

/** One decoded server-sent event. */
export interface ServerSentEvent {
  /** The `event:` field, when the server named the event (Anthropic does; OpenAI does not). */
  event: string | undefined;
  /** The `data:` lines, joined with newlines. */
  data: string;
  /** The `id:` field of this event, when present. */
  id: string | undefined;
}

/** A push parser of `text/event-stream` text: feed it decoded text in any chunking, then end it. */
export interface EventParser {
  /** Parses a piece of the stream; complete events are handed to the callback at once. */
  feed(text: string): void;
  /**
   * Ends the stream. The end counts as one line break, so an event closed by a single newline is kept
   * (servers that omit the final blank line), while an event cut inside a line is dropped.
   */
  end(): void;
}

/**
 * Creates a conforming server-sent events parser (WHATWG HTML, "event stream interpretation"): lines end
 * in CRLF, LF or CR, also when a CRLF is split between two chunks; `data:` lines are joined with `\n`;
 * comments and `retry:` are ignored; an `id:` holding NUL is ignored; a blank line dispatches the event
 * if it has data. `event` and `id` belong to the event they appear in.
 */
export function createEventParser(onEvent: (event: ServerSentEvent) => void): EventParser {
  let partial = ""; // the start of a line whose end has not arrived
  let skipLineFeed = false; // the last text ended in CR: a LF at the start of the next one closes the same line
  let data: string | undefined;
  let event: string | undefined;
  let id: string | undefined;

  const line = (text: string, start: number, end: number): void => {
    if (start === end) {
      if (data !== undefined) onEvent({ event, data, id });
      data = event = id = undefined;
      return;
    }
    // Fast path for the line nearly every event has.
    if (text.startsWith("data:", start)) {
      const value = text.slice(text.charCodeAt(start + 5) === 32 ? start + 6 : start + 5, end);
      data = data === undefined ? value : `${data}\n${value}`;
      return;
    }
    const colon = text.indexOf(":", start);
    if (colon === start) return; // a comment
    const hasValue = colon !== -1 && colon < end;
    const field = text.slice(start, hasValue ? colon : end);
    const value = hasValue ? text.slice(text.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1, end) : "";
    if (field === "data") data = data === undefined ? value : `${data}\n${value}`;
    else if (field === "event") event = value || undefined;
    else if (field === "id" && !value.includes("\0")) id = value;
  };

  const feed = (chunk: string): void => {
    let text = partial ? partial + chunk : chunk;
    partial = "";
    let i = 0;
    if (skipLineFeed) {
      skipLineFeed = false;
      if (text.charCodeAt(0) === 10) i = 1;
    }
    const n = text.length;
    if (text.indexOf("\r", i) === -1) {
      for (let lf = text.indexOf("\n", i); lf !== -1; lf = text.indexOf("\n", i)) {
        line(text, i, lf);
        i = lf + 1;
      }
    } else {
      while (i < n) {
        const lf = text.indexOf("\n", i);
        const cr = text.indexOf("\r", i);
        const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
        if (end === -1) break;
        line(text, i, end);
        i = end + 1;
        if (end === cr) {
          if (i === n) skipLineFeed = true;
          else if (text.charCodeAt(i) === 10) i++;
        }
      }
    }
    if (i < n) partial = text.slice(i);
    text = "";
  };

  return { feed, end: () => feed("\n") };
}

/**
 * Reads the events of a `text/event-stream` body: each network read is decoded and parsed at once into a
 * queue, which `shift()` empties without awaiting; `fill()` reads more when the queue is empty.
 */
class EventReader {
  private readonly decoder = new TextDecoder();
  private readonly queue: ServerSentEvent[] = [];
  private head = 0;
  private readonly parser = createEventParser((e) => this.queue.push(e));
  private ended = false;

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  /** The next parsed event, or undefined when the queue is empty. */
  shift(): ServerSentEvent | undefined {
    if (this.head < this.queue.length) return this.queue[this.head++];
    this.queue.length = this.head = 0;
    return undefined;
  }

  /** Reads the body until more events are queued; false once the body has ended and every event was taken. */
  async fill(): Promise<boolean> {
    while (this.head >= this.queue.length) {
      if (this.ended) return false;
      const { value, done } = await this.reader.read();
      if (done) {
        this.parser.end();
        this.ended = true;
      } else {
        this.parser.feed(this.decoder.decode(value, { stream: true }));
      }
    }
    return true;
  }

  /** Drops what is queued and lets the body go; before its end, this closes the connection. */
  cancel(): void {
    this.queue.length = this.head = 0;
    this.ended = true;
    this.reader.cancel().catch(() => undefined);
  }
}

/** Decodes a byte stream of `text/event-stream` into events, with {@link createEventParser}. */
export async function* decodeServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const events = new EventReader(body.getReader());
  try {
    do {
      for (let event = events.shift(); event; event = events.shift()) yield event;
    } while (await events.fill());
  } finally {
    // Runs on normal end, on error and when the consumer stops early: the connection is released.
    events.cancel();
  }
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
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    const trimmed = data.trim();
    if (trimmed === "[DONE]") return "done";
    if (trimmed === "") return "skip";
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
  return o.error !== undefined && o.error !== null && o.type !== "response.failed" && Object.keys(o).length <= 2;
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

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.consumed) throw new StreamError("A stream can be iterated only once.");
    this.consumed = true;
    const body = this.response.body;
    if (!body) throw new StreamError("The response has no body to stream.");
    return new EventIterator(body.getReader(), this.controller, this.decode);
  }

  /** Reads the whole stream into an array. */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for await (const v of this) out.push(v);
    return out;
  }
}

/**
 * The iterator behind {@link Stream}: an {@link EventReader} hands out the events of each network read
 * without another read, so a chunk of many events costs one await per event and no stream stage in between.
 */
class EventIterator<T> implements AsyncIterator<T> {
  private readonly events: EventReader;

  constructor(
    reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly controller: AbortController,
    private readonly decode: StreamDecoder<T>,
  ) {
    this.events = new EventReader(reader);
  }

  async next(): Promise<IteratorResult<T>> {
    try {
      do {
        for (let event = this.events.shift(); event; event = this.events.shift()) {
          const value = this.decode(event);
          if (value === "skip") continue;
          if (value === "done") return this.finish();
          return { value, done: false };
        }
      } while (await this.events.fill());
      return this.finish();
    } catch (err) {
      const aborted = this.controller.signal.aborted;
      this.release();
      if (aborted) return { value: undefined, done: true };
      if (err instanceof StreamError) throw err;
      throw new StreamError(`The stream broke: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Called by `break`, `return` or a throw in the consumer's loop: the connection is released. */
  async return(): Promise<IteratorResult<T>> {
    this.release();
    return { value: undefined, done: true };
  }

  /** The stream ended (`[DONE]` or the end of the body): the reader is let go, the rest of the body dropped. */
  private finish(): IteratorResult<T> {
    this.events.cancel();
    return { value: undefined, done: true };
  }

  /** The consumer stopped or the stream broke: the request is aborted as well. */
  private release(): void {
    this.events.cancel();
    this.controller.abort();
  }
}
