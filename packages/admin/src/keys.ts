import { AllmhubError, type RequestOptions } from "@allmhub/core";
import type { AdminOperations, CreateTokenBody, Token, TokenUpdateRequest } from "./generated/operations.js";

/** A key just created or rotated: the full key to hand out, and the key's record (masked). */
export interface CreatedKey {
  /** The full key, `sk-…`, ready for `Authorization: Bearer`. */
  key: string;
  /** The key's record as the key list shows it (its id, quota, expiry, limits). */
  token: Token;
}

/** Call options of the key helpers (they apply to each request the helper makes). */
export type KeyHelperOptions = Omit<RequestOptions, "query" | "extraBody">;

const asList = (answer: unknown): Token[] => {
  // Versions before mid-2025 answer the list as a plain array; later ones as a page.
  if (Array.isArray(answer)) return answer as Token[];
  const items = (answer as { items?: unknown } | null | undefined)?.items;
  return Array.isArray(items) ? (items as Token[]) : [];
};

const withPrefix = (key: string) => (key.startsWith("sk-") ? key : `sk-${key}`);

/** Whether a key from a list is the full key (older gateways) rather than a masked one (`abcd****wxyz`). */
const isFullKey = (key: string | undefined): key is string =>
  typeof key === "string" && key.length > 0 && !key.includes("*");

/**
 * Creates an API key and returns it in full, in one call. The gateway's create route answers neither the key
 * nor its id, and current gateways mask keys in lists: this reads the newest key id, creates the key, finds
 * it among the newer keys by its name (and settings), and reveals it (`POST /api/token/{id}/key`; on older
 * gateways, whose lists show full keys, from the list). Four requests; needs the access token.
 *
 * If the same account creates a key with the same name and settings at the same moment elsewhere, the
 * newest of the two is returned.
 *
 * @example
 * // A key for a teammate with a $5 limit that expires in 30 days.
 * const { key } = await createKey(admin, {
 *   name: "teammate",
 *   remain_quota: usdToQuota(5),
 *   unlimited_quota: false,
 *   expired_time: Math.floor(Date.now() / 1000) + 30 * 24 * 3600,
 * });
 */
export async function createKey(
  client: Pick<AdminOperations, "createToken" | "listTokens" | "getTokenKey">,
  body: CreateTokenBody,
  options: KeyHelperOptions = {},
): Promise<CreatedKey> {
  const newestBefore = asList(await client.listTokens({ p: 1, page_size: 1 }, options))[0]?.id ?? 0;
  await client.createToken(body, options);
  const name = body.name ?? "";
  const candidates = asList(await client.listTokens({ p: 1, page_size: 100 }, options)).filter(
    (t) => (t.id ?? 0) > newestBefore && (t.name ?? "") === name,
  );
  const same = (t: Token) =>
    (body.remain_quota === undefined || t.remain_quota === body.remain_quota) &&
    (body.expired_time === undefined || t.expired_time === body.expired_time) &&
    (body.unlimited_quota === undefined || t.unlimited_quota === body.unlimited_quota);
  const token = [...candidates.filter(same), ...candidates].sort((a, b) => (b.id ?? 0) - (a.id ?? 0))[0];
  if (!token || token.id === undefined) {
    throw new AllmhubError(
      `The key "${name}" was created, but it is not among the account's newest keys: find it with listTokens and reveal it with getTokenKey.`,
    );
  }
  const key = isFullKey(token.key) ? token.key : (await client.getTokenKey(token.id, options)).key;
  return { key: withPrefix(key), token };
}

/**
 * Replaces an API key with a new one that has the same name and settings (remaining quota, expiry, model and
 * IP limits, group) and returns the new key in full; then deletes the old key (`old: "delete"`, the
 * default), disables it (`"disable"`) or leaves it (`"keep"`). The new key's used quota starts at zero.
 *
 * @example
 * const { key } = await rotateKey(admin, 12);
 */
export async function rotateKey(
  client: Pick<
    AdminOperations,
    "getToken" | "createToken" | "listTokens" | "getTokenKey" | "deleteToken" | "updateToken"
  >,
  id: number,
  options: KeyHelperOptions & { old?: "delete" | "disable" | "keep" } = {},
): Promise<CreatedKey & { replaced: Token }> {
  const { old = "delete", ...callOptions } = options;
  const replaced = await client.getToken(id, callOptions);
  const created = await createKey(
    client,
    {
      name: replaced.name,
      remain_quota: replaced.remain_quota,
      expired_time: replaced.expired_time,
      unlimited_quota: replaced.unlimited_quota,
      model_limits_enabled: replaced.model_limits_enabled,
      model_limits: replaced.model_limits,
      allow_ips: replaced.allow_ips,
      group: replaced.group,
      cross_group_retry: replaced.cross_group_retry,
      auto_groups: replaced.auto_groups,
    },
    callOptions,
  );
  if (old === "delete") await client.deleteToken(id, callOptions);
  else if (old === "disable")
    await client.updateToken({ id, status: 2 }, { ...callOptions, query: { status_only: "true" } });
  return { ...created, replaced };
}

/** What `updateKey` may change: any setting of TokenUpdateRequest but the id. */
export type KeyChanges = Omit<TokenUpdateRequest, "id" | "status">;

/**
 * Changes some settings of an API key and keeps the others. The gateway's update route replaces every
 * setting (a field left out is reset), so this reads the key first and sends it back with the changes.
 * Returns the key as saved.
 *
 * @example
 * await updateKey(admin, 12, { remain_quota: usdToQuota(20) });
 */
export async function updateKey(
  client: Pick<AdminOperations, "getToken" | "updateToken">,
  id: number,
  changes: KeyChanges,
  options: KeyHelperOptions = {},
): Promise<Token> {
  const current = await client.getToken(id, options);
  const body: TokenUpdateRequest = {
    id,
    name: current.name,
    remain_quota: current.remain_quota,
    expired_time: current.expired_time,
    unlimited_quota: current.unlimited_quota,
    model_limits_enabled: current.model_limits_enabled,
    model_limits: current.model_limits,
    allow_ips: current.allow_ips,
    group: current.group,
    cross_group_retry: current.cross_group_retry,
    ...changes,
  };
  return await client.updateToken(body, options);
}
