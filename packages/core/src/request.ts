import type { Credentials } from "./auth.js";
import type { multipartBody } from "./form.js";
import type { OperationArgs, OperationDescriptor, RequestOptions } from "./operation.js";
import type { ResolvedClientOptions } from "./options.js";
import { fillPath, serializeQuery } from "./url.js";

/**
 * The URL and RequestInit of one call (path and query serialized as openapi-fetch would, see `url.ts`),
 * sent with `fetch(url, init)`: no `Request` object, which would copy every header and the body once more
 * per call. `form` is the multipart codec of the operation table (absent when no operation needs it).
 *
 * Header precedence, lowest first: content type, the operation's defaults, the client's headers, the
 * credentials, the operation's header parameters, the call's headers (`null` removes a header). Query
 * precedence: the operation's defaults, its query parameters, the call's `query`, the credentials.
 * The call's `extraBody` is merged over the body's fields.
 */
export function buildRequest(
  op: OperationDescriptor,
  args: OperationArgs,
  credentials: Credentials,
  options: RequestOptions,
  config: ResolvedClientOptions,
  form: typeof multipartBody | undefined,
): { url: string; init: RequestInit } {
  const params = args.params ?? {};
  const defaults = op.defaults;
  const query = serializeQuery({ ...defaults?.query, ...params.query, ...options.query, ...credentials.query });
  const url = `${config.baseUrl}${fillPath(op.path, params.path, op.slashParams)}${query && `?${query}`}`;
  const fields = options.extraBody ? { ...(args.body as object | undefined), ...options.extraBody } : args.body;
  const multipart = fields === undefined ? undefined : form?.(op, fields);
  // JSON.stringify(undefined) is undefined: no body.
  const body = multipart ?? (JSON.stringify(fields) as string | undefined);
  // A JSON body is a string; FormData sets its own content type, with the boundary.
  const headers: Record<string, string> = typeof body === "string" ? { "content-type": "application/json" } : {};
  for (const source of [defaults?.header, config.headers, credentials.headers, params.header, options.headers]) {
    for (const name in source) {
      const value = (source as Record<string, unknown>)[name];
      const key = name.toLowerCase();
      if (value === null) delete headers[key];
      else if (value !== undefined) headers[key] = String(value);
    }
  }
  // A redirect is the answer (refused by `send`): fetch would follow it with the credentials and the body.
  return { url, init: { method: op.method, headers, body, redirect: "manual" } };
}
