import { buildApiError, errorInit, parseAnswer } from "./answer.js";
import { authFor, secretsOf } from "./auth.js";
import { APIConnectionError, APIError, APITimeoutError, APIUserAbortError, AllmhubError } from "./errors.js";
import type { OperationArgs, OperationDescriptor, RequestOptions } from "./operation.js";
import type { OperationCodecs } from "./operations.js";
import type { ResolvedClientOptions } from "./options.js";
import { redactError, redactSecrets } from "./redact.js";
import { buildRequest } from "./request.js";
import { isRetryableStatus, retryAfterMs, retryDelayMs, sleep } from "./retry.js";
import type { StreamDecoder } from "./sse.js";

/**
 * Connection failures that happen before anything is sent (refused, unknown host, unreachable, undici's
 * connect timeout): sending again cannot run the request twice.
 */
const UNSENT = /^E(CONNREFUSED|NOTFOUND|AI_AGAIN|NETUNREACH|HOSTUNREACH)$|CONNECT_TIMEOUT/;

/** How much of an error body is read: enough for any message, and a typed error whatever the gateway sends. */
const ERROR_BODY_SIZE = 65536;

/**
 * Sends one call and returns its result: the parsed success body (checked by its envelope), or, `streaming`,
 * its events read by `decode`. Retries connection failures, timeouts and retryable statuses (408, 409, 429,
 * 5xx, unless the answer says `x-should-retry: false`) with backoff, honouring `retry-after` up to the call's
 * timeout. Each attempt has the call's timeout, which covers the wait for the answer and the reading of a
 * plain body; a stream's reads are timed by the stream. A POST or PATCH that timed out or lost its
 * connection once sent is not sent again unless `retryNonIdempotent`: the gateway may be running, and
 * billing, it. A redirect is refused with an {@link APIError}: neither the credentials of any scheme nor
 * the body may go where it points. Throws the typed error of the last failure. `codecs` are those of the
 * operation's table (`bindOperations` checks that it has those the operation needs).
 */
export async function send<T>(
  config: ResolvedClientOptions,
  op: OperationDescriptor,
  args: OperationArgs,
  options: RequestOptions,
  codecs: OperationCodecs,
  streaming: boolean,
  decode?: StreamDecoder<unknown>,
): Promise<T> {
  const maxRetries = options.maxRetries ?? config.maxRetries;
  const timeout = options.timeout ?? config.timeout;
  const secrets = secretsOf(config);
  const { url, init } = buildRequest(
    op,
    args,
    authFor(op.auth, config, `${op.method} ${op.path}`),
    options,
    config,
    codecs.form,
  );
  // GET, PUT and DELETE are idempotent; POST and PATCH are not.
  const resend = !/^P[OA]/.test(op.method) || (options.retryNonIdempotent ?? config.retryNonIdempotent);
  const userSignal = options.signal;
  const stopIfAborted = () => {
    if (userSignal?.aborted) throw new APIUserAbortError();
  };
  // The 2xx answer: its response, its body read as the operation wants it (none for a stream), the controller
  // that aborts it, and the release of the caller's signal (a stream calls it when it ends; a plain call has already).
  let answer: [Response, string | Blob | undefined, AbortController, () => void];
  for (let attempt = 0; ; attempt++) {
    stopIfAborted();
    // Aborted by the timer or the caller's signal only: aborted without the caller's signal is a timeout.
    // No reason passed on: workerd reports the reason of an aborted fetch as an uncaught exception of the request.
    const controller = new AbortController();
    const abort = () => controller.abort();
    const timer = setTimeout(abort, timeout);
    const release = () => userSignal?.removeEventListener("abort", abort);
    userSignal?.addEventListener("abort", abort, { once: true });
    let response: Response | undefined;
    let errorBody: string | undefined;
    let delay = 0;
    try {
      init.signal = controller.signal;
      response = await config.fetch(url, init);
      const { ok, status, headers } = response;
      // Redirects are refused (`redirect: "manual"`): whoever answers elsewhere would get the key and the body.
      if (status < 400 && !ok) {
        response.body?.cancel().catch(() => undefined);
        throw new APIError(
          errorInit(
            response,
            undefined,
            `${status} redirect to ${headers.get("location") ?? "elsewhere"} not followed`,
            secrets,
          ),
        );
      }
      // A JSON error or an HTML page answered to a stream call is that answer's error, not an empty stream.
      if (ok && !(streaming && !/event-stream/i.test(headers.get("content-type") ?? "text/event-stream"))) {
        answer = [
          response,
          streaming ? undefined : await readBody(response, config.maxResponseSize, secrets, op.response === "binary"),
          controller,
          release,
        ];
        break;
      }
      errorBody = (await readBody(response, ERROR_BODY_SIZE, secrets)) as string;
      if (ok) throw buildApiError(response, errorBody, secrets);
    } catch (error) {
      stopIfAborted();
      const timedOut = controller.signal.aborted;
      // Our own errors (a refused redirect, an answer too large or a stream call answered otherwise) end the call.
      if (!timedOut && error instanceof AllmhubError) throw error;
      // A timeout or a broken connection is retried until a 2xx answer has come, whose body is not asked
      // for twice (the gateway may have billed the call), and, for a POST or PATCH, only when nothing was
      // sent. Not when the fetch gave up on its own after its headers timeout (undici: 300 s in Node, see
      // the README): the call would outlast it again.
      const answered = response?.ok;
      // undici puts the reason of a failed fetch in the error's cause.
      const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
      const code = cause?.code;
      if (
        answered ||
        code === "UND_ERR_HEADERS_TIMEOUT" ||
        !(resend || UNSENT.test(String(code))) ||
        attempt >= maxRetries
      ) {
        const reason =
          error instanceof Error
            ? `${error.message}${cause instanceof Error ? ` (${cause.message})` : ""}`
            : String(error);
        throw timedOut
          ? new APITimeoutError(`Request timed out after ${timeout} ms.`)
          : new APIConnectionError(
              answered
                ? "The connection broke while reading the answer."
                : redactSecrets(`Connection error: ${reason}`, secrets),
              { cause: redactError(error, secrets) },
            );
      }
      delay = retryDelayMs(attempt);
    } finally {
      clearTimeout(timer);
      // A stream takes the caller's signal off when it ends.
      if (!(streaming && answer!)) release();
    }
    if (errorBody !== undefined) {
      const { status, headers } = response!;
      // A wait longer than the call's timeout is not waited for: the answer's error (and its retry-after) is the caller's.
      if (
        !isRetryableStatus(status) ||
        attempt >= maxRetries ||
        headers.get("x-should-retry") === "false" ||
        (retryAfterMs(headers) ?? 0) > timeout
      ) {
        throw buildApiError(response!, errorBody, secrets);
      }
      delay = retryDelayMs(attempt, headers);
    }
    // The caller's signal ends the wait early; the next turn throws APIUserAbortError.
    await sleep(delay, userSignal).catch(() => undefined);
  }
  const [response, body, controller, release] = answer;
  // The stream ends at the operation's end, times each read with the call's timeout and scrubs the secrets
  // from its errors.
  if (streaming)
    return new codecs.stream!(response, controller, decode, {
      end: op.streamEnd,
      idleTimeout: timeout,
      maxEventSize: config.maxEventSize,
      secrets,
      onEnd: release,
    }) as T;
  if (typeof body !== "string" || op.response === "text") return body as T;
  const data = parseAnswer(response, body, secrets);
  return (op.envelope ? codecs.envelope![op.envelope]!(data, response, secrets) : data) as T;
}

/**
 * The body of an answer as text (or a Blob), read up to `max` bytes after decompression: a longer 2xx body
 * is an {@link APIError}, a longer error body is cut there.
 */
async function readBody(
  response: Response,
  max: number,
  secrets: readonly string[],
  binary?: boolean,
): Promise<string | Blob> {
  const { headers } = response;
  const length = headers.get("content-length");
  if (Number(length ?? NaN) <= max && !headers.has("content-encoding"))
    return binary ? response.blob() : response.text();
  const reader = response.body?.getReader();
  const parts: BlobPart[] = [];
  for (let size = 0; reader; ) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    // The whole chunk, or its part up to `max`.
    parts.push(value.subarray(0, max - size + value.byteLength) as Uint8Array<ArrayBuffer>);
    if (size > max) {
      reader.cancel().catch(() => undefined);
      if (response.ok)
        throw new APIError(
          errorInit(response, undefined, `${response.status} answer over maxResponseSize (${max} bytes)`, secrets),
        );
      break;
    }
  }
  const blob = new Blob(parts, { type: headers.get("content-type") ?? "" });
  return binary ? blob : blob.text();
}
