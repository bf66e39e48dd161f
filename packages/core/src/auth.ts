import { ConfigurationError } from "./errors.js";
import type { ResolvedClientOptions } from "./options.js";

/**
 * How a call authenticates. `bearer` is `Authorization: Bearer <key>`, which every relay route accepts;
 * `anthropic` is `x-api-key` with `anthropic-version`; `google` is `x-goog-api-key`; `googleQuery` is
 * `?key=`; `accessToken` is the user's system access token, with `New-Api-User` when a user id is
 * configured (account APIs); `none` sends no credentials (public routes, or the fallback of a route whose
 * credentials are optional).
 */
export type AuthScheme = "bearer" | "anthropic" | "google" | "googleQuery" | "accessToken" | "none";

/** The headers and query parameters that carry a call's credentials. */
export interface Credentials {
  headers: Record<string, string>;
  query: Record<string, string>;
}

/**
 * The credentials of one call: the first of the operation's schemes (preferred first, default `bearer`)
 * that the client's options can satisfy. Throws a {@link ConfigurationError} naming what is missing.
 */
export function authFor(
  schemes: readonly AuthScheme[] | undefined,
  config: ResolvedClientOptions,
  what: string,
): Credentials {
  const accepted = schemes ?? ["bearer"];
  for (const scheme of accepted) {
    if (scheme === "none") return { headers: {}, query: {} };
    if (scheme === "accessToken") {
      // Never the API key: an account API gets the access token or nothing. New-Api-User only with a user id
      // (older gateways require it, newer ones ignore it).
      if (config.accessToken)
        return {
          headers: config.userId
            ? { authorization: config.accessToken, "new-api-user": config.userId }
            : { authorization: config.accessToken },
          query: {},
        };
      continue;
    }
    const key = config.apiKey;
    if (!key) continue;
    if (scheme === "bearer") return { headers: { authorization: `Bearer ${key}` }, query: {} };
    if (scheme === "anthropic")
      return { headers: { "x-api-key": key, "anthropic-version": config.anthropicVersion }, query: {} };
    if (scheme === "google") return { headers: { "x-goog-api-key": key }, query: {} };
    if (scheme === "googleQuery") return { headers: {}, query: { key } };
  }
  throw new ConfigurationError(
    `${what} ${
      accepted.includes("accessToken")
        ? "is an account API: pass { accessToken } (and { userId } for older gateways) or set ALLMHUB_ACCESS_TOKEN (and ALLMHUB_USER_ID)."
        : "needs an API key: pass { apiKey } or set ALLMHUB_API_KEY."
    }`,
  );
}

/** The client's secrets (API key, access token), which no error may show. */
export function secretsOf(config: ResolvedClientOptions): string[] {
  return [config.apiKey, config.accessToken].filter((s): s is string => typeof s === "string");
}
