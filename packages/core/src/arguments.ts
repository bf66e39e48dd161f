import { MAX_DELAY, inRange } from "./errors.js";
import type { OperationArgs, OperationDescriptor, RequestOptions } from "./operation.js";
import { MAX_RETRIES } from "./options.js";
import { TEMPLATE_NAME } from "./url.js";

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Blob);

const kindOf = (v: unknown): string =>
  v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : typeof v;

/**
 * Catches, for JavaScript callers, what the types catch for TypeScript ones: a path parameter that is not
 * text or a number (an object where an id goes), empty, or `.`/`..` (which would send the call to another
 * endpoint); a body or query that is not an object; options that are not an object. Throws a TypeError
 * that names the call (`label`) before any request is sent; a `timeout` or `maxRetries` out of its range is
 * a ConfigurationError, as it is in the client's options.
 */
export function checkArguments(
  label: string,
  op: OperationDescriptor,
  args: OperationArgs,
  options: RequestOptions,
): void {
  const fail = (problem: string): never => {
    throw new TypeError(`${label}: ${problem}`);
  };
  if (!isPlainObject(options)) fail(`options must be an object such as { signal, timeout }, not ${kindOf(options)}.`);
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal))
    fail("options.signal must be an AbortSignal.");
  if (options.extraBody !== undefined && !isPlainObject(options.extraBody))
    fail("options.extraBody must be an object of body fields.");
  if (options.timeout !== undefined) inRange(options.timeout, "timeout", 1, MAX_DELAY);
  if (options.maxRetries !== undefined) inRange(options.maxRetries, "maxRetries", 0, MAX_RETRIES, true);
  const body = args.body;
  if (body !== undefined && !isPlainObject(body)) fail(`the request body must be an object, not ${kindOf(body)}.`);
  if (args.params !== undefined && !isPlainObject(args.params))
    fail("params must be an object such as { path: { … } }.");
  const query = args.params?.query;
  if (query !== undefined && !isPlainObject(query))
    fail(`the query parameters must be an object, not ${kindOf(query)}.`);
  for (const [, key] of op.path.matchAll(TEMPLATE_NAME)) {
    const value = args.params?.path?.[key!];
    if (typeof value !== "string" && typeof value !== "number")
      fail(`${key} must be a string or a number, got ${value === undefined ? "nothing" : kindOf(value)}.`);
    const text = String(value);
    const segments = op.slashParams?.includes(key!) ? text.split("/") : [text];
    if (text === "" || segments.some((s) => s === "." || s === ".." || s === ""))
      fail(`${key} must be a non-empty path segment other than "." and "..", got ${JSON.stringify(text)}.`);
  }
}
