import { buildApiError } from "./answer.js";
import { authFor, secretsOf } from "./auth.js";
import { APIConnectionError, APITimeoutError, APIUserAbortError, AllmhubError } from "./errors.js";
import type { multipartBody } from "./form.js";
import type { OperationArgs, OperationDescriptor, RequestOptions } from "./operation.js";
import type { ResolvedClientOptions } from "./options.js";
import { redactSecrets } from "./redact.js";
import { buildRequest } from "./request.js";
import { isRetryableStatus, retryDelayMs, sleep } from "./retry.js";

/** A 2xx answer: its response, its body read as the operation wants it (none for a stream), and the controller that aborts it. */
export interface Sent {
  response: Response;
  body: string | Blob | undefined;
  controller: AbortController;
}

/**
 * Sends one call and returns its 2xx answer, retrying connection failures, timeouts and retryable statuses
 * (408, 409, 429, 5xx, unless the answer says `x-should-retry: false`) with backoff, honouring
 * `retry-after`. Each attempt has the call's timeout, which covers the wait for the answer and the reading
 * of a plain body; a stream lives until it ends or is aborted. Throws the typed error of the last failure.
 */
export async function send(
  config: ResolvedClientOptions,
  op: OperationDescriptor,
  args: OperationArgs,
  options: RequestOptions,
  streaming: boolean,
  form: typeof multipartBody | undefined,
): Promise<Sent> {
  const maxRetries = options.maxRetries ?? config.maxRetries;
  const timeout = options.timeout ?? config.timeout;
  const secrets = secretsOf(config);
  const { url, init } = buildRequest(
    op,
    args,
    authFor(op.auth, config, `${op.method.toUpperCase()} ${op.path}`),
    options,
    config,
    form,
  );
  const userSignal = options.signal;
  for (let attempt = 0; ; attempt++) {
    if (userSignal?.aborted) throw new APIUserAbortError();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    const onUserAbort = () => controller.abort(userSignal?.reason);
    userSignal?.addEventListener("abort", onUserAbort, { once: true });
    let response: Response | undefined;
    let errorBody: string | undefined;
    let delay = 0;
    try {
      init.signal = controller.signal;
      response = await config.fetch(url, init);
      if (response.ok)
        return {
          response,
          body: streaming ? undefined : await (op.response === "binary" ? response.blob() : response.text()),
          controller,
        };
      errorBody = await response.text();
    } catch (error) {
      if (userSignal?.aborted) throw new APIUserAbortError();
      // Our own errors (bad arguments) end the call.
      if (!timedOut && error instanceof AllmhubError) throw error;
      // A timeout or a broken connection is retried until a 2xx answer has come, whose body is not asked
      // for twice (the gateway may have billed the call). Not when the fetch gave up on its own after its
      // headers timeout (undici: 300 s in Node, see the README): the call would outlast it again.
      const answered = response?.ok;
      if (
        answered ||
        (error as { cause?: { code?: unknown } } | undefined)?.cause?.code === "UND_ERR_HEADERS_TIMEOUT" ||
        attempt >= maxRetries
      ) {
        throw timedOut
          ? new APITimeoutError(`Request timed out after ${timeout} ms.`)
          : new APIConnectionError(
              answered
                ? "The connection broke while reading the answer."
                : redactSecrets(`Connection error: ${describe(error)}`, secrets),
              { cause: error },
            );
      }
      delay = retryDelayMs(attempt);
    } finally {
      clearTimeout(timer);
      if (!streaming) userSignal?.removeEventListener("abort", onUserAbort);
    }
    if (errorBody !== undefined) {
      const { status, headers } = response!;
      if (!isRetryableStatus(status) || attempt >= maxRetries || headers.get("x-should-retry") === "false")
        throw buildApiError(response!, errorBody, secrets);
      delay = retryDelayMs(attempt, headers);
    }
    await sleepOrAbort(delay, userSignal);
  }
}

async function sleepOrAbort(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch {
    throw new APIUserAbortError();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const causeText = cause instanceof Error ? ` (${cause.message})` : "";
    return `${error.message}${causeText}`;
  }
  return String(error);
}
