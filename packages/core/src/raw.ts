import * as openapiFetch from "openapi-fetch";
import type { Client } from "openapi-fetch";
import { optionsOf, type GatewayClient } from "./client.js";

/**
 * openapi-fetch's `createClient`. The CommonJS build of this package (esbuild, from a `"type": "module"`
 * package) imports openapi-fetch with Node's ESM/CommonJS interop, where the default export sits one level
 * deeper: `require("openapi-fetch").default`.
 */
function openapiFetchFactory(): typeof openapiFetch.default {
  const exported: unknown = openapiFetch.default;
  return (
    typeof exported === "function" ? exported : (exported as { default: unknown }).default
  ) as typeof openapiFetch.default;
}

/**
 * The openapi-fetch client of a gateway connection, typed from the spec: same base URL, headers, `fetch`
 * and API key (`Authorization: Bearer`). It returns `{ data, error, response }` instead of throwing and
 * neither retries, times out nor follows redirects (a redirect is the answer): use it for what the typed methods do not cover. A separate module, so
 * that programs that never use it do not bundle openapi-fetch's client.
 *
 * @example
 * const chat = createChatClient();
 * const raw = createRawClient(chat.gateway);
 * const { data, error } = await raw.GET("/v1/models");
 */
export function createRawClient<Paths extends object>(gateway: GatewayClient<Paths>): Client<Paths> {
  const config = optionsOf(gateway);
  const raw = openapiFetchFactory()<Paths>({
    baseUrl: config.baseUrl,
    // Redirects are not followed: the answer is the redirect itself, and the key stays with the gateway.
    fetch: (input: Request) => config.fetch(new Request(input, { redirect: "manual" })),
    headers: config.headers,
  });
  raw.use({
    onRequest({ request }) {
      if (config.apiKey && !request.headers.has("authorization"))
        request.headers.set("authorization", `Bearer ${config.apiKey}`);
      return request;
    },
  });
  return raw;
}
