/**
 * Keeps secrets (the API key, the access token) out of everything the SDK shows: error messages, bodies,
 * headers and causes. Text is always scrubbed before an excerpt of it is cut, so that no prefix of a secret
 * survives.
 */

/** What replaces a secret. */
export const REDACTED = "[redacted]";

/**
 * Replaces every occurrence of the given secrets in a string or a JSON value (a parsed body; its keys too)
 * with `[redacted]`, in a copy. Used on every message and body that goes into an error. A value
 * JSON.stringify cannot copy (nested thousands deep, or cyclic) gives undefined: nothing is shown rather
 * than a secret.
 */
export function redactSecrets<T>(value: T, secrets: readonly (string | undefined)[]): T {
  // Only strings of at least 4 characters: shorter ones would blank ordinary text.
  const active = secrets.filter((s): s is string => typeof s === "string" && s.length >= 4);
  // The JSON text is scrubbed, keys and values at once; a secret appears in it as JSON writes it.
  const scrub = (text: string) =>
    active.reduce(
      (t, secret) => t.replaceAll(secret, REDACTED).replaceAll(JSON.stringify(secret).slice(1, -1), REDACTED),
      text,
    );
  if (!active.length || value === undefined) return value;
  if (typeof value === "string") return scrub(value) as T;
  try {
    return JSON.parse(scrub(JSON.stringify(value))) as T;
  } catch {
    return undefined as T;
  }
}

/** A copy of response headers with the secrets scrubbed from their values. */
export function redactHeaders(headers: Headers, secrets: readonly (string | undefined)[]): Headers {
  return new Headers([...headers].map(([name, value]): [string, string] => [name, redactSecrets(value, secrets)]));
}

/**
 * A copy of an error and its causes (same prototype, fields, message and stack) with the secrets scrubbed,
 * for the `cause` of the SDK's own errors.
 */
export function redactError(error: unknown, secrets: readonly (string | undefined)[]): unknown {
  if (!(error instanceof Error)) return redactSecrets(error, secrets);
  return Object.assign(
    Object.create(Object.getPrototypeOf(error) as object) as Error,
    redactSecrets({ ...error, message: error.message, stack: error.stack }, secrets),
    {
      cause: redactError(error.cause, secrets),
    },
  );
}
