import { APITimeoutError, APIUserAbortError, StreamError } from "./errors.js";
import { DEFAULT_MAX_EVENT_SIZE, DEFAULT_TIMEOUT_MS } from "./options.js";
import { redactSecrets } from "./redact.js";

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

/**
 * Creates an {@link EventScanner}. An event (or a line) longer than `maxEventSize` characters is a
 * {@link StreamError}. Pieces pushed while a line is still open, and holding no line break, are kept apart
 * and joined to it once its line break comes: a line of any length costs time linear in its length.
 */
export function createEventScanner(maxEventSize: number = DEFAULT_MAX_EVENT_SIZE): EventScanner {
  let text = ""; // the text pushed; scanning resumes at `i`
  let i = 0;
  // The next LF and CR at or after `i`, or 2^30 - 1 when there is none (beyond any text held here, and a
  // small integer in V8, which keeps the loop fast); each is looked up again only once `i` passes it, so a
  // CRLF stream costs a few steps a line and a stray CR does not make every line scan to it.
  let lf = -1;
  let cr = -1;
  let skipLineFeed = false; // the text ended in a CR that closed a line: a LF starting the next piece belongs to it
  let open = false; // the text from `i` is a line without its line break yet
  let tail: string[] = []; // pieces without a line break pushed since, in order
  let tailSize = 0;
  let data: string | undefined;
  let event: string | undefined;
  let id: string | undefined;
  const check = (size: number) => {
    if (size > maxEventSize)
      throw new StreamError(`An event is longer than maxEventSize (${maxEventSize} characters).`);
  };
  return {
    push(piece) {
      if (!piece) return;
      if (skipLineFeed && piece[0] === "\n") piece = piece.slice(1);
      skipLineFeed = false;
      if (!piece) return;
      if (open && !/[\n\r]/.test(piece)) {
        tail.push(piece);
        check(text.length - i + (tailSize += piece.length) + (data?.length ?? 0));
        return;
      }
      text = text.slice(i) + tail.join("") + piece;
      tail = [];
      i = tailSize = 0;
      lf = cr = -1;
      open = false;
    },
    next() {
      for (;;) {
        if (lf < i) lf = text.indexOf("\n", i) & 0x3fffffff;
        if (cr < i) cr = text.indexOf("\r", i) & 0x3fffffff;
        const end = Math.min(lf, cr);
        if (end >= text.length) {
          open = true;
          return undefined;
        }
        const start = i;
        check(end - start + (data?.length ?? 0));
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
  #events: EventScanner;
  readonly #queue: ServerSentEvent[] = [];
  #head = 0;
  #justRead = false;
  #ended = false;

  constructor(reader: ReadableStreamDefaultReader<Uint8Array>, maxEventSize?: number) {
    this.#reader = reader;
    this.#events = createEventScanner(maxEventSize);
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
    for (let event: ServerSentEvent | undefined; (event = events.shift()) || (await events.fill()); )
      if (event) yield event;
  } finally {
    // Runs on normal end, on error and when the consumer stops early: the connection is released.
    events.cancel();
  }
}

/** How a stream's events become typed values. */
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
    // Whole: the stream scrubs the secrets from it before it cuts it.
    throw new StreamError(`Malformed event in stream: ${data}`);
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

/** How a {@link Stream} reads its events; `bindOperations` sets it from the operation and the call. */
export interface StreamOptions {
  /** What ends the stream (the operation's `streamEnd`): a body that ends before one of them is a {@link StreamError}. */
  end?: readonly string[] | undefined;
  /** The longest wait for a read of the body, in ms (the call's timeout; default 10 minutes): then {@link APITimeoutError}. */
  idleTimeout?: number | undefined;
  /** The longest event, in characters (default 16 MiB). */
  maxEventSize?: number | undefined;
  /** What the stream's errors must not show (the key, the access token). */
  secrets?: readonly string[] | undefined;
  /** Called when the stream ends, breaks or is let go: takes the call's listener off the caller's signal. */
  onEnd?: (() => void) | undefined;
}

/**
 * A typed stream of events. Iterate it with `for await`; stop early with `break` or {@link Stream.abort}:
 * either way the HTTP connection is released. Every stream says how it ended: iteration ends at the
 * dialect's end, an abort (`abort()` or the call's signal) throws {@link APIUserAbortError}, a read that does
 * not come within the call's timeout throws {@link APITimeoutError}, and a body that ends before the
 * dialect's end, breaks or carries an error event throws {@link StreamError} after the events received
 * before it.
 */
export class Stream<T> implements AsyncIterable<T> {
  /** The HTTP response the events are read from. */
  readonly response: Response;
  readonly #controller: AbortController;
  readonly #decode: StreamDecoder<T>;
  readonly #options: StreamOptions;
  #consumed = false;

  constructor(
    response: Response,
    controller: AbortController,
    decode: StreamDecoder<T> = jsonEventDecoder,
    options: StreamOptions = {},
  ) {
    this.response = response;
    this.#controller = controller;
    this.#decode = decode;
    this.#options = options;
  }

  /** Cancels the request and releases the connection; iterating then throws {@link APIUserAbortError}. */
  abort(): void {
    this.#controller.abort();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#consumed) throw new StreamError("A stream can be iterated only once.");
    this.#consumed = true;
    const body = this.response.body;
    if (!body) throw new StreamError("The response has no body to stream.");
    return new EventIterator(body.getReader(), this.#controller, this.#decode, this.#options);
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
  readonly #options: StreamOptions;
  /** Whether the dialect's end has come (from the start when it has none, and once the stream has ended). */
  #ended: boolean;
  #idle = false;

  constructor(
    reader: ReadableStreamDefaultReader<Uint8Array>,
    controller: AbortController,
    decode: StreamDecoder<T>,
    options: StreamOptions,
  ) {
    this.#events = new EventReader(reader, options.maxEventSize);
    this.#controller = controller;
    this.#decode = decode;
    this.#options = options;
    this.#ended = !options.end?.length;
    // An aborted stream hands out nothing more, not even events already read: they are dropped at once (a
    // listener rather than a check per event, which would cost every event a getter call).
    const drop = () => this.#events.cancel();
    if (controller.signal.aborted) drop();
    controller.signal.addEventListener("abort", drop, { once: true });
  }

  async next(): Promise<IteratorResult<T>> {
    try {
      for (let event: ServerSentEvent | undefined; (event = this.#events.shift()) || (await this.#fill()); ) {
        if (!event) continue;
        const value = this.#decode(event);
        if (value === "skip") continue;
        if (value === "done") return this.#finish();
        const end = this.#options.end as string[];
        if (!this.#ended)
          this.#ended =
            end.includes(event.event as string) || end.includes((value as { type?: string } | null)?.type as string);
        return { value, done: false };
      }
      if (this.#controller.signal.aborted) throw undefined;
      if (!this.#ended) throw new StreamError(`The stream was cut before ${this.#options.end!.join(" or ")}.`);
      return this.#finish();
    } catch (err) {
      throw this.#fail(err);
    }
  }

  /** Called by `break`, `return` or a throw in the consumer's loop: the connection is released. */
  async return(): Promise<IteratorResult<T>> {
    this.#release();
    return { value: undefined, done: true };
  }

  /** Reads the body once more, for at most the idle timeout: then the stream is let go. */
  async #fill(): Promise<boolean> {
    const timer = setTimeout(() => {
      this.#idle = true;
      this.#release();
    }, this.#options.idleTimeout ?? DEFAULT_TIMEOUT_MS);
    try {
      return await this.#events.fill();
    } finally {
      clearTimeout(timer);
    }
  }

  /** The error that ends the stream: a timeout, the caller's abort, or a StreamError with the secrets scrubbed (then cut). */
  #fail(err: unknown): Error {
    const aborted = this.#controller.signal.aborted;
    this.#release();
    if (this.#idle)
      return new APITimeoutError(`Stream idle for ${this.#options.idleTimeout ?? DEFAULT_TIMEOUT_MS} ms.`);
    if (aborted) return new APIUserAbortError();
    const { message, body } =
      err instanceof StreamError
        ? err
        : new StreamError(`The stream broke: ${err instanceof Error ? err.message : String(err)}`);
    const secrets = this.#options.secrets ?? [];
    return new StreamError(redactSecrets(message, secrets).slice(0, 500), redactSecrets(body, secrets));
  }

  /**
   * The stream ended (`[DONE]` or the end of the body): events after it are dropped, and the rest of the
   * body is read in the background (for at most {@link DRAIN_GRACE_MS}) so that its connection can be reused.
   */
  #finish(): IteratorResult<T> {
    this.#ended = true;
    this.#events.cancel(DRAIN_GRACE_MS);
    this.#options.onEnd?.();
    return { value: undefined, done: true };
  }

  /** The consumer stopped or the stream broke: the request is aborted as well. */
  #release(): void {
    this.#events.cancel();
    this.#controller.abort();
    this.#options.onEnd?.();
  }
}
