import type { AccountClientOptions, PackageClient } from "@allmhub/core";
import { createPackageClient, resolveAccountCredentials } from "@allmhub/core/internal";
import type { paths } from "./generated/openapi.js";
import { bindAdminOperations, type AdminOperations } from "./generated/operations.js";

/** A client of the gateway's model list, balance, token and account APIs: one typed method per operation of the spec. */
export type AdminClient = PackageClient<paths, AdminOperations>;

/**
 * Creates a client of the gateway's model list, balance, key and account APIs.
 *
 * Relay calls (models, the key's balance and logs, billing) use the API key (`options.apiKey` or
 * `ALLMHUB_API_KEY`); account calls (`/api/user/...`, `/api/token/...`, `/api/log/self`, ...) use the user's
 * system access token (`options.accessToken` or `ALLMHUB_ACCESS_TOKEN`) and, for gateways that still read
 * `New-Api-User`, the user id (`options.userId` or `ALLMHUB_USER_ID`); `/api/status`, `/api/user/groups` and
 * (unless the gateway requires sign-in) `/api/pricing` are public. The API key is never sent to an account
 * API. The base URL comes from `options.baseUrl`, `ALLMHUB_BASE_URL` or https://api.allmhub.com. A missing
 * credential or a malformed URL throws a `ConfigurationError` here, before any request.
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
  type BalanceOptions,
  type TokenBalance,
  type UserBalance,
} from "./balance.js";
export {
  DEFAULT_QUOTA_PER_UNIT,
  callCost,
  getQuotaPerUnit,
  loadPrices,
  toBillingUsage,
  type BillingUsage,
  type CallCost,
  type CallCostInput,
  type CallUsage,
  type Prices,
  type UsageSemantic,
} from "./cost.js";
export { createKey, rotateKey, updateKey, type CreatedKey, type KeyChanges, type KeyHelperOptions } from "./keys.js";
export {
  paginate,
  type PageItem,
  type PageOf,
  type PageQuery,
  type PagedOperation,
  type PaginateOptions,
  type Paginated,
} from "./paginate.js";
export * from "./generated/operations.js";
export type { components, operations, paths } from "./generated/openapi.js";
export * from "@allmhub/core";
