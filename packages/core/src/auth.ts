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
 * What each scheme a client can satisfy sends, made when the client is created and read, never changed, by
 * every call.
 */
export type SchemeCredentials = Partial<Record<AuthScheme, Credentials>>;

/** How to give the API key, in the messages that ask for one. */
export const PASS_API_KEY = "pass { apiKey } or set ALLMHUB_API_KEY";
/** How to give the access token, in the messages that ask for one. */
export const PASS_ACCESS_TOKEN = "pass { accessToken } or set ALLMHUB_ACCESS_TOKEN";

/**
 * The credentials of a client's schemes: `none` always, and those that send the API key when there is one.
 * The `accessToken` scheme is added by `resolveAccountCredentials`, for the clients of the account APIs only:
 * an account API gets the access token or nothing, never the API key.
 */
export function apiKeyCredentials(key: string | undefined, anthropicVersion: string): SchemeCredentials {
  const inHeaders = (headers: Record<string, string>): Credentials => ({ headers, query: {} });
  return {
    none: inHeaders({}),
    ...(key !== undefined && {
      bearer: inHeaders({ authorization: `Bearer ${key}` }),
      anthropic: inHeaders({ "x-api-key": key, "anthropic-version": anthropicVersion }),
      google: inHeaders({ "x-goog-api-key": key }),
      googleQuery: { headers: {}, query: { key } },
    }),
  };
}

/**
 * What the `accessToken` scheme sends: the token as it is in `Authorization`, and `New-Api-User` only with a
 * user id (older gateways require it, newer ones ignore it). Made by `resolveAccountCredentials`, so that
 * only the clients of the account APIs bundle it.
 */
export function accessTokenCredentials(token: string, userId: string | undefined): Credentials {
  return {
    headers: userId ? { authorization: token, "new-api-user": userId } : { authorization: token },
    query: {},
  };
}

/**
 * The credentials of one call: those of the first of the operation's schemes (preferred first, default
 * `bearer`) that the client can satisfy. Throws a {@link ConfigurationError} naming what is missing.
 */
export function authFor(
  schemes: readonly AuthScheme[] | undefined,
  config: ResolvedClientOptions,
  what: string,
): Credentials {
  const accepted = schemes ?? ["bearer"];
  for (const scheme of accepted) {
    const credentials = config.credentials[scheme];
    if (credentials) return credentials;
  }
  throw new ConfigurationError(
    accepted.includes("accessToken")
      ? `${what} is an account API: ${PASS_ACCESS_TOKEN}.`
      : `${what} needs an API key: ${PASS_API_KEY}.`,
  );
}

/** The client's secrets (API key, access token), which no error may show. */
export function secretsOf(config: ResolvedClientOptions): string[] {
  return [config.apiKey, config.accessToken].filter((s): s is string => typeof s === "string");
}
