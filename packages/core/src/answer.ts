import { APIError, errorForStatus, messageFromBody } from "./errors.js";
import { redactSecrets } from "./redact.js";

/**
 * Builds the typed error of a non-2xx answer from its body (raw text, or already parsed JSON); the secrets
 * are scrubbed from its message and body.
 */
export function buildApiError(response: Response, rawBody: unknown, secrets: readonly string[] = []): APIError {
  let body: unknown = rawBody;
  if (typeof rawBody === "string") {
    try {
      body = rawBody.trim() ? JSON.parse(rawBody) : rawBody;
    } catch {
      body = rawBody.length > 2000 ? `${rawBody.slice(0, 2000)}…` : rawBody;
    }
  }
  body = redactSecrets(body, secrets);
  return errorForStatus({
    status: response.status,
    body,
    headers: response.headers,
    message: redactSecrets(messageFromBody(body, response.status), secrets),
  });
}

/**
 * The value of a successful text answer: undefined when it is blank, the text itself when the answer is a
 * text format (transcriptions asked for `text`, `srt` or `vtt`), else its JSON. A body that is not JSON
 * is an {@link APIError} quoting its start (secrets scrubbed).
 */
export function parseAnswer(response: Response, text: string, secrets: readonly string[]): unknown {
  // A regular expression stops at the first non-blank character; trim() would copy the whole body.
  if (!/\S/.test(text)) return undefined;
  const type = response.headers.get("content-type") ?? "";
  if (/^text\/(plain|vtt|srt|x-subrip)\b/i.test(type)) return text;
  try {
    return JSON.parse(text);
  } catch {
    const excerpt = redactSecrets(text.slice(0, 200), secrets);
    throw new APIError({
      status: response.status,
      body: excerpt,
      headers: response.headers,
      message: `${response.status} answer is not JSON: ${excerpt.replace(/\s+/g, " ")}`,
    });
  }
}
