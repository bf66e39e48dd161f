import type { RequestOptions } from "@allmhub/core";
import { getQuotaPerUnit } from "./cost.js";
import type { AdminOperations, GetCurrentUserResult, GetTokenUsageResult } from "./generated/operations.js";

/**
 * new-api counts money in quota units: 500000 quota = 1 US dollar by default (ALLMHUB's 令牌余额查询 page).
 * A gateway may set another rate: it reports it as `quota_per_unit` in `GET /api/status` (getQuotaPerUnit).
 */
export const QUOTA_PER_USD = 500_000;

/** Converts quota units to US dollars (500000 = $1 unless `quotaPerUsd` says otherwise), rounded to a hundredth of a cent. */
export function quotaToUsd(quota: number, quotaPerUsd: number = QUOTA_PER_USD): number {
  if (!Number.isFinite(quota)) throw new TypeError("quota must be a finite number");
  if (!(quotaPerUsd > 0)) throw new TypeError("quotaPerUsd must be positive");
  return Math.round((quota / quotaPerUsd) * 10_000) / 10_000;
}

/** Converts US dollars to quota units (1 USD = 500000 unless `quotaPerUsd` says otherwise), rounded to a whole unit. */
export function usdToQuota(usd: number, quotaPerUsd: number = QUOTA_PER_USD): number {
  if (!Number.isFinite(usd)) throw new TypeError("usd must be a finite number");
  if (!(quotaPerUsd > 0)) throw new TypeError("quotaPerUsd must be positive");
  return Math.round(usd * quotaPerUsd);
}

/** Options of the balance helpers. */
export interface BalanceOptions extends Omit<RequestOptions, "query" | "extraBody"> {
  /** Quota units per dollar; default: the gateway's own (`GET /api/status`), 500000 when it does not say. */
  quotaPerUnit?: number | undefined;
}

const unitOf = (client: Pick<AdminOperations, "getStatus">, options: BalanceOptions) => {
  const { quotaPerUnit, ...callOptions } = options;
  return quotaPerUnit ?? getQuotaPerUnit(client, callOptions);
};

/** The key's balance in dollars, from `GET /api/usage/token/`. */
export interface TokenBalance {
  /** Token name. */
  name: string | undefined;
  /** Whether the token has no quota limit (its amounts are then meaningless). */
  unlimited: boolean;
  grantedUsd: number | undefined;
  usedUsd: number | undefined;
  availableUsd: number | undefined;
  /** The answer as the gateway sent it (quota units). */
  raw: GetTokenUsageResult;
}

/**
 * The API key's own balance in US dollars (`GET /api/usage/token/`, API key auth), converted at the
 * gateway's rate (`GET /api/status`, public) unless `quotaPerUnit` is given.
 *
 * @example
 * const balance = await getTokenBalance(createAdminClient());
 * console.log(balance.unlimited ? "unlimited" : `$${balance.availableUsd} left`);
 */
export async function getTokenBalance(
  client: Pick<AdminOperations, "getTokenUsage" | "getStatus">,
  options: BalanceOptions = {},
): Promise<TokenBalance> {
  const { quotaPerUnit: _unit, ...callOptions } = options;
  const [usage, unit] = await Promise.all([client.getTokenUsage(callOptions), unitOf(client, options)]);
  const usd = (q: number | undefined) => (typeof q === "number" ? quotaToUsd(q, unit) : undefined);
  return {
    name: usage.name,
    unlimited: usage.unlimited_quota === true,
    grantedUsd: usd(usage.total_granted),
    usedUsd: usd(usage.total_used),
    availableUsd: usd(usage.total_available),
    raw: usage,
  };
}

/** The user's balance in US dollars, from `GET /api/user/self` (access token). */
export interface UserBalance {
  username: string | undefined;
  balanceUsd: number | undefined;
  usedUsd: number | undefined;
  raw: GetCurrentUserResult;
}

/**
 * The user's remaining and used balance in US dollars (`GET /api/user/self`, access token), converted at the
 * gateway's rate (`GET /api/status`, public) unless `quotaPerUnit` is given.
 *
 * @example
 * const admin = createAdminClient({ accessToken: process.env.ALLMHUB_ACCESS_TOKEN });
 * console.log(`$${(await getUserBalance(admin)).balanceUsd}`);
 */
export async function getUserBalance(
  client: Pick<AdminOperations, "getCurrentUser" | "getStatus">,
  options: BalanceOptions = {},
): Promise<UserBalance> {
  const { quotaPerUnit: _unit, ...callOptions } = options;
  const [user, unit] = await Promise.all([client.getCurrentUser(callOptions), unitOf(client, options)]);
  const usd = (q: unknown) => (typeof q === "number" ? quotaToUsd(q, unit) : undefined);
  return { username: user.username, balanceUsd: usd(user.quota), usedUsd: usd(user.used_quota), raw: user };
}
