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
 * {@link StreamError} from `next()`. A piece holding no line break is appended to the text held without a
 * copy (engines join strings lazily, as ropes) and without a search (where no line end was found, there is
 * still none); the line is searched once, when its line break comes: a line of any length, pushed in any
 * number of pieces, costs time linear in its length.
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
  let data: string | undefined;
  let event: string | undefined;
  let id: string | undefined;
  return {
    push(piece) {
      if (!piece) return;
      if (skipLineFeed && piece[0] === "\n") piece = piece.slice(1);
      skipLineFeed = false;
      if (/[\n\r]/.test(piece)) {
        // The text scanned is dropped, and the line ends are looked up again.
        text = text.slice(i) + piece;
        i = 0;
        lf = cr = -1;
      } else text += piece; // no line break: where none was found, there is still none
    },
    next() {
      for (;;) {
        if (lf < i) lf = text.indexOf("\n", i) & 0x3fffffff;
        if (cr < i) cr = text.indexOf("\r", i) & 0x3fffffff;
        const end = Math.min(lf, cr);
        // The line from `i` (to the end of the text while its line break has not come) and the data before it.
        if (Math.min(end, text.length) - i + (data?.length ?? 0) > maxEventSize)
          throw new StreamError(`An event is longer than maxEventSize (${maxEventSize} characters).`);
        if (end >= text.length) return undefined;
        const line = text.slice(i, end);
        i = end + 1;
        if (end === cr) {
          if (i === text.length) skipLineFeed = true;
          else if (i === lf) i++;
        }
        if (line) {
          // `name: value` (one space after the colon is not part of the value) or `name` alone; a comment
          // (`: text`) has the empty name, which is no field. The line is cut out first, so that the search
          // for the colon stays within it.
          let colon = line.indexOf(":");
          if (colon < 0) colon = line.length;
          const field = line.slice(0, colon);
          const value = line.slice(colon + (line[colon + 1] === " " ? 2 : 1));
          if (field === "data") data = data === undefined ? value : `${data}\n${value}`;
          else if (field === "event") event = value || undefined;
          else if (field === "id" && !value.includes("\0")) id = value;
          // A blank line (LF) next is taken with this line, without another pass: `data: …` then a blank
          // line is the commonest event.
          if (text[i] !== "\n") continue;
          i++;
        }
        // A blank line: the event is dispatched if it has data.
        const dispatch = data === undefined ? undefined : { event, data, id };
        data = event = id = undefined;
        if (dispatch) return dispatch;
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

/** What {@link readEvents} returns: the events of a body, read as they are asked for. */
interface EventReader {
  /** The next event of the text read so far, or undefined when it holds no complete event. */
  shift(): ServerSentEvent | undefined;
  /** Reads the body once more; false once the body has ended (the events it held were taken before). */
  fill(): Promise<boolean>;
  /**
   * Stops handing out events (those not taken yet are dropped) and lets the body go: at once, which closes
   * the connection before the end of the body, or with `graceMs`, by reading the rest of the body in the
   * background without parsing it, so that the connection goes back to the pool when the server ends the
   * response a moment after the event that ended the stream. new-api flushes `[DONE]` on its own and ends
   * the response once it has settled the usage; cancelling then would close the connection, and the next
   * call would pay a new TCP and TLS handshake. A body that has not ended `graceMs` later is cancelled.
   */
  cancel(graceMs?: number): void;
}

/**
 * Reads the events of a `text/event-stream` body, for {@link decodeServerSentEvents} and {@link Stream}.
 * `shift()` hands out the events of the text read so far without awaiting, and `fill()` reads more once it
 * has none. The first event of each read is scanned for alone (a read can hold hundreds of events, and the
 * consumer gets the first one without waiting for the rest to be parsed); the next `shift()` parses the
 * rest of the read into a queue at once, which is faster than alternating between scanning and the
 * consumer's work (JSON.parse) event by event.
 */
function readEvents(body: ReadableStream<Uint8Array>, maxEventSize?: number): EventReader {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let events = createEventScanner(maxEventSize);
  let queue: ServerSentEvent[] = []; // the rest of the last read, its last event first
  let justRead = false;
  let ended = false;
  return {
    shift() {
      // The first event after a read is scanned for alone; the next call parses the rest of the read.
      if (!justRead && !queue.length) {
        for (let event: ServerSentEvent | undefined; (event = events.next()); ) queue.push(event);
        queue.reverse();
      }
      justRead = false;
      return queue.pop() ?? events.next();
    },
    async fill() {
      if (ended) return false;
      const { value, done } = await reader.read();
      ended = done;
      events.push(done ? "\n" : decoder.decode(value, { stream: true }));
      justRead = true;
      return true;
    },
    cancel(graceMs) {
      events = createEventScanner();
      queue = [];
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
      ended = true;
    },
  };
}

/** Decodes a byte stream of `text/event-stream` into events, with {@link createEventParser}'s rules. */
export async function* decodeServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const events = readEvents(body);
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
    if (!trimmed) return "skip";
    // Whole: the stream scrubs the secrets from it before it cuts it.
    throw new StreamError(`Malformed event in stream: ${data}`);
  }
  const payload = (parsed ?? {}) as { type?: unknown; error?: { message?: unknown }; message?: unknown };
  const error = payload.error;
  // A `{ "error": … }` payload holds little else (an `error` and perhaps a `type`); a Responses stream's
  // `response.failed` event also holds an `error`, and is the stream's end.
  if (
    event.event === "error" ||
    (error != null && payload.type !== "response.failed" && Object.keys(payload).length <= 2)
  ) {
    // `{ error: { message } }`, `{ error: "…" }`, or a Responses error event `{ type: "error", code, message }`.
    const message = [error?.message, error, payload.message].find((v) => typeof v === "string") as string | undefined;
    throw new StreamError(message ?? "The stream reported an error.", parsed);
  }
  return parsed as T;
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
  /** Opens the iterator; undefined once it has been opened. */
  #iterate: (() => AsyncIterator<T>) | undefined;

  constructor(
    response: Response,
    controller: AbortController,
    decode: StreamDecoder<T> = jsonEventDecoder,
    options: StreamOptions = {},
  ) {
    this.response = response;
    this.#controller = controller;
    this.#iterate = () => iterateEvents(response, controller, decode, options);
  }

  /** Cancels the request and releases the connection; iterating then throws {@link APIUserAbortError}. */
  abort(): void {
    this.#controller.abort();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    const iterate = this.#iterate;
    if (!iterate) throw new StreamError("A stream can be iterated only once.");
    this.#iterate = undefined;
    return iterate();
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
 * The iterator behind {@link Stream}: {@link readEvents} hands out the events of each network read without
 * another read, so a chunk of many events costs one await per event and no stream stage in between, and the
 * first event of a read is returned as soon as it is parsed.
 */
function iterateEvents<T>(
  response: Response,
  controller: AbortController,
  decode: StreamDecoder<T>,
  options: StreamOptions,
): AsyncIterator<T> {
  if (!response.body) throw new StreamError("The response has no body.");
  const events = readEvents(response.body, options.maxEventSize);
  const ends = options.end ?? [];
  const idleTimeout = options.idleTimeout ?? DEFAULT_TIMEOUT_MS;
  const signal = controller.signal;
  /** Whether the dialect's end has come (from the start when it has none, and once the stream has ended). */
  let ended = !ends.length;
  let idle = false;

  /** The consumer stopped or the stream broke: the request is aborted, which drops the events (see below). */
  const release = (): void => {
    controller.abort();
    options.onEnd?.();
  };

  /** Reads the body once more, for at most the idle timeout: then the stream is let go. */
  const fill = async (): Promise<boolean> => {
    const timer = setTimeout(() => {
      idle = true;
      release();
    }, idleTimeout);
    try {
      return await events.fill();
    } finally {
      clearTimeout(timer);
    }
  };

  // An aborted stream hands out nothing more, not even events already read: they are dropped at once, and
  // the body is cancelled (a listener rather than a check per event, which would cost every event a getter
  // call).
  const drop = () => events.cancel();
  if (signal.aborted) drop();
  signal.addEventListener("abort", drop, { once: true });

  return {
    async next() {
      try {
        for (let event: ServerSentEvent | undefined; (event = events.shift()) || (await fill()); ) {
          if (!event) continue;
          const value = decode(event);
          if (value === "done") {
            ended = true;
            break;
          }
          if (value === "skip") continue;
          ended ||=
            ends.includes(event.event as string) || ends.includes((value as { type?: string } | null)?.type as string);
          return { value, done: false };
        }
        if (signal.aborted) throw undefined;
        if (!ended) throw new StreamError(`The stream was cut before ${ends.join(" or ")}.`);
        // The stream ended (`[DONE]` or the end of the body): events after it are dropped, and the rest of the
        // body is read in the background (for at most DRAIN_GRACE_MS) so that its connection can be reused.
        events.cancel(DRAIN_GRACE_MS);
        options.onEnd?.();
        return { value: undefined, done: true };
      } catch (err) {
        // The error that ends the stream: a timeout, the caller's abort, or a StreamError with the secrets
        // scrubbed (then cut).
        const aborted = signal.aborted;
        release();
        if (idle) throw new APITimeoutError(`Stream idle for ${idleTimeout} ms.`);
        if (aborted) throw new APIUserAbortError();
        const { message, body } =
          err instanceof StreamError
            ? err
            : new StreamError(`The stream broke: ${err instanceof Error ? err.message : String(err)}`);
        const secrets = options.secrets ?? [];
        throw new StreamError(redactSecrets(message, secrets).slice(0, 500), redactSecrets(body, secrets));
      }
    },

    /** Called by `break`, `return` or a throw in the consumer's loop: the connection is released. */
    async return() {
      release();
      return { value: undefined, done: true };
    },
  };
}
