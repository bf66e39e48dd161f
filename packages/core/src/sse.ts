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
 * The pull parser behind {@link createEventParser} and the stream readers (same rules): text is pushed in as
 * it arrives, events are taken out one at a time, and each `next()` scans only as far as the event it returns.
 */
export interface EventScanner {
  /**
   * Appends a piece of decoded text (the end of the stream is pushed as one `"\n"`). Text not scanned yet
   * is kept, so pushing before `next()` has returned undefined loses nothing.
   */
  push(text: string): void;
  /** Scans to the end of the next event and returns it, or undefined when the text holds no more complete event. */
  next(): ServerSentEvent | undefined;
}

/** Creates an {@link EventScanner}. */
export function createEventScanner(): EventScanner {
  let text = ""; // the text pushed; scanning resumes at `i`
  let i = 0;
  // The next LF and CR at or after `i`, or 2^30 - 1 when there is none (beyond any text held here, and a
  // small integer in V8, which keeps the loop fast); each is looked up again only once `i` passes it, so a
  // CRLF stream costs a few steps a line and a stray CR does not make every line scan to it.
  let lf = -1;
  let cr = -1;
  let skipLineFeed = false; // the text ended in a CR that closed a line: a LF starting the next piece belongs to it
  let data: string | undefined;
  let event: string | undefined;
  let id: string | undefined;
  return {
    push(piece) {
      if (!piece) return;
      text = text.slice(i) + (skipLineFeed && piece[0] === "\n" ? piece.slice(1) : piece);
      i = 0;
      lf = cr = -1;
      skipLineFeed = false;
    },
    next() {
      for (;;) {
        if (lf < i) lf = text.indexOf("\n", i) & 0x3fffffff;
        if (cr < i) cr = text.indexOf("\r", i) & 0x3fffffff;
        const end = Math.min(lf, cr);
        if (end >= text.length) return undefined;
        const start = i;
        i = end + 1;
        if (end === cr) {
          if (i === text.length) skipLineFeed = true;
          else if (i === lf) i++;
        }
        if (start === end) {
          const dispatch = data === undefined ? undefined : { event, data, id };
          data = event = id = undefined;
          if (dispatch) return dispatch;
          continue;
        }
        if (text.startsWith("data:", start)) {
          const value = text.slice(text.charCodeAt(start + 5) === 32 ? start + 6 : start + 5, end);
          if (data === undefined && text.charCodeAt(i) === 10) {
            // One data line then a blank line, the commonest event: returned without a pass for the blank line.
            i++;
            const dispatch = { event, data: value, id };
            event = id = undefined;
            return dispatch;
          }
          data = data === undefined ? value : `${data}\n${value}`;
          continue;
        }
        const colon = text.indexOf(":", start);
        if (colon === start) continue; // a comment
        const hasValue = colon >= 0 && colon < end;
        const field = text.slice(start, hasValue ? colon : end);
        const value = hasValue ? text.slice(text.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1, end) : "";
        if (field === "data") data = data === undefined ? value : `${data}\n${value}`;
        else if (field === "event") event = value || undefined;
        else if (field === "id" && !value.includes("\0")) id = value;
      }
    },
  };
}

/**
 * Creates a conforming server-sent events parser (WHATWG HTML, "event stream interpretation"): lines end
 * in CRLF, LF or CR, also when a CRLF is split between two chunks; `data:` lines are joined with `\n`;
 * comments and `retry:` are ignored; an `id:` holding NUL is ignored; a blank line dispatches the event
 * if it has data. `event` and `id` belong to the event they appear in.
 */
export function createEventParser(onEvent: (event: ServerSentEvent) => void): EventParser {
  const events = createEventScanner();
  const feed = (text: string): void => {
    events.push(text);
    for (let event = events.next(); event; event = events.next()) onEvent(event);
  };
  return { feed, end: () => feed("\n") };
}

/**
 * Reads the events of a `text/event-stream` body. `shift()` hands out the events of the text read so far
 * without awaiting, and `fill()` reads more once it has none. The first event of each read is scanned for
 * alone (a read can hold hundreds of events, and the consumer gets the first one without waiting for the
 * rest to be parsed); the next `shift()` parses the rest of the read into a queue at once, which is faster
 * than alternating between scanning and the consumer's work (JSON.parse) event by event.
 */
class EventReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  #events = createEventScanner();
  readonly #queue: ServerSentEvent[] = [];
  #head = 0;
  #justRead = false;
  #ended = false;

  constructor(reader: ReadableStreamDefaultReader<Uint8Array>) {
    this.#reader = reader;
  }

  /** The next event of the text read so far, or undefined when it holds no complete event. */
  shift(): ServerSentEvent | undefined {
    if (this.#head < this.#queue.length) return this.#queue[this.#head++];
    this.#queue.length = this.#head = 0;
    const event = this.#events.next();
    if (!this.#justRead) for (let e = this.#events.next(); e; e = this.#events.next()) this.#queue.push(e);
    this.#justRead = false;
    return event;
  }

  /** Reads the body once more; false once the body has ended (the events it held were taken before). */
  async fill(): Promise<boolean> {
    if (this.#ended) return false;
    const { value, done } = await this.#reader.read();
    this.#ended = done;
    this.#events.push(done ? "\n" : this.#decoder.decode(value, { stream: true }));
    this.#justRead = true;
    return true;
  }

  /**
   * Stops handing out events (those not taken yet are dropped) and lets the body go: at once, which closes
   * the connection before the end of the body, or with `graceMs`, by reading the rest of the body in the
   * background without parsing it, so that the connection goes back to the pool when the server ends the
   * response a moment after the event that ended the stream. new-api flushes `[DONE]` on its own and ends
   * the response once it has settled the usage; cancelling then would close the connection, and the next
   * call would pay a new TCP and TLS handshake. A body that has not ended `graceMs` later is cancelled.
   */
  cancel(graceMs?: number): void {
    const reader = this.#reader;
    const ended = this.#ended;
    this.#events = createEventScanner();
    this.#queue.length = this.#head = 0;
    this.#ended = true;
    const release = () => reader.cancel().catch(() => undefined);
    if (graceMs === undefined) void release();
    else if (!ended) {
      const timer = setTimeout(release, graceMs);
      const drain = (): Promise<unknown> =>
        reader.read().then(
          ({ done }) => (done ? clearTimeout(timer) : drain()),
          () => clearTimeout(timer),
        );
      void drain();
    }
  }
}

/** Decodes a byte stream of `text/event-stream` into events, with {@link createEventParser}'s rules. */
export async function* decodeServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const events = new EventReader(body.getReader());
  try {
    for (let event: ServerSentEvent | undefined; (event = events.shift()) || (await events.fill()); ) if (event) yield event;
  } finally {
    // Runs on normal end, on error and when the consumer stops early: the connection is released.
    events.cancel();
  }
}

/** How a stream's events become typed values. */
/**
 * Turns one event into a value, or returns `"done"` to end the stream, or `"skip"` to ignore it.
 * Throwing ends the stream with that error.
 */
export type StreamDecoder<T> = (event: ServerSentEvent) => T | "done" | "skip";

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
  readonly #controller: AbortController;
  readonly #decode: StreamDecoder<T>;
  #consumed = false;

  constructor(response: Response, controller: AbortController, decode: StreamDecoder<T> = jsonEventDecoder) {
    this.response = response;
    this.#controller = controller;
    this.#decode = decode;
  }

  /** Cancels the request and releases the connection. Iteration then ends. */
  abort(): void {
    this.#controller.abort();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#consumed) throw new StreamError("A stream can be iterated only once.");
    this.#consumed = true;
    const body = this.response.body;
    if (!body) throw new StreamError("The response has no body to stream.");
    return new EventIterator(body.getReader(), this.#controller, this.#decode);
  }

  /** Reads the whole stream into an array. */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for await (const v of this) out.push(v);
    return out;
  }
}

/**
 * How long a stream that ended with `[DONE]` waits for the server to end the response before it cancels
 * the body (and closes the connection).
 */
const DRAIN_GRACE_MS = 1000;

/**
 * The iterator behind {@link Stream}: an {@link EventReader} hands out the events of each network read
 * without another read, so a chunk of many events costs one await per event and no stream stage in between,
 * and the first event of a read is returned as soon as it is parsed.
 */
class EventIterator<T> implements AsyncIterator<T> {
  readonly #events: EventReader;
  readonly #controller: AbortController;
  readonly #decode: StreamDecoder<T>;

  constructor(reader: ReadableStreamDefaultReader<Uint8Array>, controller: AbortController, decode: StreamDecoder<T>) {
    this.#events = new EventReader(reader);
    this.#controller = controller;
    this.#decode = decode;
  }

  async next(): Promise<IteratorResult<T>> {
    try {
      for (let event: ServerSentEvent | undefined; (event = this.#events.shift()) || (await this.#events.fill()); ) {
        if (!event) continue;
        const value = this.#decode(event);
        if (value === "skip") continue;
        if (value === "done") return this.#finish();
        return { value, done: false };
      }
      return this.#finish();
    } catch (err) {
      const aborted = this.#controller.signal.aborted;
      this.#release();
      if (aborted) return { value: undefined, done: true };
      if (err instanceof StreamError) throw err;
      throw new StreamError(`The stream broke: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Called by `break`, `return` or a throw in the consumer's loop: the connection is released. */
  async return(): Promise<IteratorResult<T>> {
    this.#release();
    return { value: undefined, done: true };
  }

  /**
   * The stream ended (`[DONE]` or the end of the body): events after it are dropped, and the rest of the
   * body is read in the background (for at most {@link DRAIN_GRACE_MS}) so that its connection can be reused.
   */
  #finish(): IteratorResult<T> {
    this.#events.cancel(DRAIN_GRACE_MS);
    return { value: undefined, done: true };
  }

  /** The consumer stopped or the stream broke: the request is aborted as well. */
  #release(): void {
    this.#events.cancel();
    this.#controller.abort();
  }
}
