import type { OperationArgs, OperationDescriptor, RequestOptions } from "./operation.js";
import { checkObject, kindOf, numberOption } from "./options.js";
import { TEMPLATE_NAME } from "./url.js";

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
  // The callers default options to {}.
  checkObject(options, "options", fail);
  const { params } = args;
  checkObject(options.extraBody, "options.extraBody", fail);
  checkObject(args.body, "the request body", fail);
  checkObject(params, "params", fail);
  checkObject(params?.query, "the query parameters", fail);
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal))
    fail("options.signal must be an AbortSignal.");
  numberOption("timeout", options.timeout);
  numberOption("maxRetries", options.maxRetries);
  for (const [, key] of op.path.matchAll(TEMPLATE_NAME)) {
    const value = params?.path?.[key!];
    if (typeof value !== "string" && typeof value !== "number")
      fail(`${key} must be a string or a number, got ${kindOf(value)}.`);
    const text = String(value);
    // An empty segment, "." or ".." would send the call to another endpoint.
    if ((op.slashParams?.includes(key!) ? text.split("/") : [text]).some((segment) => /^\.{0,2}$/.test(segment)))
      fail(`${key} must be a non-empty path segment other than "." and "..", got ${JSON.stringify(text)}.`);
  }
}
