import { errorForStatus, messageFromBody, type APIError, type APIErrorInit } from "./errors.js";
import { redactHeaders, redactSecrets } from "./redact.js";

/**
 * The fields of an error about an answer, secrets scrubbed from its body, message and headers (before any
 * excerpt is cut).
 */
export function errorInit(
  response: Response,
  body: unknown,
  message: string,
  secrets: readonly string[],
  code?: APIErrorInit["code"],
): APIErrorInit {
  return {
    status: response.status,
    body: redactSecrets(body, secrets),
    headers: redactHeaders(response.headers, secrets),
    message: redactSecrets(message, secrets),
    code,
  };
}

/**
 * Builds the typed error of a non-2xx answer from its body (raw text, or already parsed JSON); the secrets
 * are scrubbed from its message, body and headers. A body of any shape or depth gives a typed error: JSON
 * too deep for JSON.stringify is kept as text, which every logger can still show.
 */
export function buildApiError(response: Response, rawBody: unknown, secrets: readonly string[] = []): APIError {
  let body: unknown = rawBody;
  if (typeof rawBody === "string") {
    try {
      // A blank body is not JSON either.
      const parsed: unknown = JSON.parse(rawBody);
      // JSON.stringify (and so every logger) overflows the stack on JSON nested thousands deep: that stays text.
      JSON.stringify(parsed);
      body = parsed;
    } catch {
      // not JSON, or too deep: kept as text
    }
  }
  body = redactSecrets(body, secrets);
  if (typeof body === "string" && body.length > 2000) body = `${body.slice(0, 2000)}…`;
  return errorForStatus(errorInit(response, body, messageFromBody(body, response.status), secrets));
}

/**
 * The value of a successful text answer: undefined when it is blank, the text itself when the answer is a
 * text format (transcriptions asked for `text`, `srt` or `vtt`), else its JSON. A body that is not JSON
 * is an {@link APIError} (from {@link buildApiError}: a "non-JSON answer" quoting its start, secrets scrubbed).
 */
export function parseAnswer(response: Response, text: string, secrets: readonly string[]): unknown {
  // A regular expression stops at the first non-blank character; trim() would copy the whole body.
  if (!/\S/.test(text)) return undefined;
  const type = response.headers.get("content-type") ?? "";
  if (/^text\/(plain|vtt|srt|x-subrip)\b/i.test(type)) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw buildApiError(response, text, secrets);
  }
}
