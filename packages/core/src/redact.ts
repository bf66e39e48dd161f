/**
 * Keeps secrets (the API key, the access token) out of everything the SDK shows: error messages, bodies,
 * headers and causes.
 */

/** What replaces a secret. */
export const REDACTED = "[redacted]";

/** The secrets worth scrubbing: strings of at least 4 characters (shorter ones would blank ordinary text). */
function activeSecrets(secrets: readonly (string | undefined)[]): string[] {
  return secrets.filter((s): s is string => typeof s === "string" && s.length >= 4);
}

/**
 * Replaces every occurrence of the given secrets in a string or JSON value (a parsed body) with
 * `[redacted]`, in a copy. Used on every message and body that goes into an error.
 */
export function redactSecrets<T>(value: T, secrets: readonly (string | undefined)[]): T {
  const active = activeSecrets(secrets);
  if (active.length === 0 || value === undefined) return value;
  const scrub = (_key: string, v: unknown) =>
    typeof v === "string" ? active.reduce((text, secret) => text.replaceAll(secret, REDACTED), v) : v;
  return JSON.parse(JSON.stringify(value), scrub) as T;
}
