import type { AccountClientOptions, PackageClient } from "@allmhub/core";
import { createPackageClient, resolveAccountCredentials } from "@allmhub/core/internal";
import type { paths } from "./generated/openapi.js";
import { bindAdminOperations, type AdminOperations } from "./generated/operations.js";

/** A client of the gateway's model list, balance, token and account APIs: one typed method per operation of the spec. */
export type AdminClient = PackageClient<paths, AdminOperations>;

/**
 * Creates a client of the gateway's model list, balance, token and account APIs.
 *
 * Relay calls (models, token balance, billing) use the API key (`options.apiKey` or `ALLMHUB_API_KEY`);
 * account calls (`/api/user/self`, `/api/token/`) use the system access token and user id
 * (`options.accessToken` and `options.userId`, or `ALLMHUB_ACCESS_TOKEN` and `ALLMHUB_USER_ID`).
 * The base URL comes from `options.baseUrl`,
 * `ALLMHUB_BASE_URL` or https://api.allmhub.com. A missing key or a malformed URL throws a
 * `ConfigurationError` here, before any request.
 *
 * @example
 * const admin = createAdminClient();
 * const models = await admin.listModels();
 * console.log(models.data.map((m) => m.id));
 */
export function createAdminClient(options?: AccountClientOptions): AdminClient {
  return createPackageClient<paths, AdminOperations>(bindAdminOperations, options, resolveAccountCredentials);
}

export {
  QUOTA_PER_USD,
  getTokenBalance,
  getUserBalance,
  quotaToUsd,
  usdToQuota,
  type TokenBalance,
  type UserBalance,
} from "./balance.js";
export * from "./generated/operations.js";
export type { components, operations, paths } from "./generated/openapi.js";
export * from "@allmhub/core";
