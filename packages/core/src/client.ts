import { ConfigurationError } from "./errors.js";
import {
  resolveClientOptions,
  type AccountClientOptions,
  type ResolvedClientOptions,
  type resolveAccountCredentials,
} from "./options.js";

const INTERNAL: unique symbol = Symbol.for("@allmhub/core/internal");

/** What a client keeps out of sight: its resolved options. */
type Internal = ResolvedClientOptions;

/** Carries the spec's `paths` type on a client, for `createRawClient`; never set at run time. */
declare const PATHS: unique symbol;

/** A configured connection to the gateway. Packages bind their typed operations to it. */
export interface GatewayClient<Paths extends object = Record<string, never>> {
  /** The base URL every request goes to. */
  readonly baseUrl: string;
  /** @internal */
  readonly [INTERNAL]: Internal;
  /** @internal The spec's paths, as a type only. */
  readonly [PATHS]?: Paths;
}

/**
 * Creates a gateway client: checks the options (a missing key or a malformed base URL throws a
 * {@link ConfigurationError} here) and remembers the key, timeouts and retries for every call. A client of
 * the account APIs passes `resolveAccountCredentials` as `account` (see `resolveClientOptions`).
 */
export function createGatewayClient<Paths extends object>(
  options?: AccountClientOptions,
  account?: typeof resolveAccountCredentials,
): GatewayClient<Paths> {
  const resolved = resolveClientOptions(options, account);
  // Not enumerable: logging or spreading a client shows neither the key nor the options.
  return Object.defineProperty({ baseUrl: resolved.baseUrl }, INTERNAL, { value: resolved }) as GatewayClient<Paths>;
}

/** The resolved options of a gateway client; a {@link ConfigurationError} for anything else. */
export function optionsOf(client: GatewayClient<object>): ResolvedClientOptions {
  const options = client?.[INTERNAL];
  if (!options) throw new ConfigurationError("Not a gateway client: pass the .gateway of an @allmhub client.");
  return options;
}

/** A package client: the package's typed methods plus the gateway connection they use. */
export type PackageClient<Paths extends object, Operations> = Operations & {
  /** The configured gateway connection (`createRawClient(client.gateway)` gives its openapi-fetch client). */
  readonly gateway: GatewayClient<Paths>;
};

/**
 * Creates a gateway client and binds a package's generated operations to it. Used by the
 * `create…Client` factories of @allmhub/chat, media, tasks and admin (which passes
 * `resolveAccountCredentials` as `account`).
 */
export function createPackageClient<Paths extends object, Operations extends object>(
  bind: (client: GatewayClient<Paths>) => Operations,
  options?: AccountClientOptions,
  account?: typeof resolveAccountCredentials,
): PackageClient<Paths, Operations> {
  const gateway = createGatewayClient<Paths>(options, account);
  return Object.assign(bind(gateway), { gateway });
}
