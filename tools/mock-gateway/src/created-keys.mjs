// @ts-check
// API keys created through the mock: `createToken` remembers each, so that the account's key list, a key's
// details, its reveal and its deletion see it afterwards, as on a gateway (the SDK's createKey and rotateKey
// find a new key in the list, then reveal it).
import { randomBytes } from "node:crypto";

/** The id of the first key created through the mock, less one. */
const FIRST_ID = 100000;

/** How many created keys the mock remembers; the oldest are forgotten first. */
export const MAX_CREATED_KEYS = 1000;

const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** A new key as new-api makes them: 48 letters and digits (the `sk-` prefix is the client's). */
function newKey() {
  return Array.from(randomBytes(48), (byte) => ALPHABET[byte % ALPHABET.length]).join("");
}

/** A key as current gateways list it: its first and last four characters. */
const masked = (/** @type {string} */ key) => `${key.slice(0, 4)}**********${key.slice(-4)}`;

/**
 * @typedef {{ operationId: string, params: Record<string, unknown>, query: Record<string, unknown>, body: any }} KeyRequest
 */

/** The keys created through one mock gateway, and the answers they change. */
export function createdKeys() {
  /** @type {Map<number, Record<string, unknown> & { id: number, key: string }>} */
  const keys = new Map();
  let count = 0;
  /** @param {unknown} id */
  const created = (id) => keys.get(Number(id));
  return {
    /**
     * The answer to `request` now that keys were created through the mock, or null to answer `documented`
     * (the operation's documented answer) as it is.
     * @param {KeyRequest} request
     * @param {any} documented
     * @returns {unknown}
     */
    answer(request, documented) {
      const { operationId, params, query, body } = request;
      if (operationId === "createToken" && documented?.success === true) {
        // Above the documented ids, so that a created key is the account's newest.
        const id = FIRST_ID + ++count;
        keys.set(id, {
          ...body,
          id,
          user_id: 1,
          key: newKey(),
          status: 1,
          created_time: Math.floor(Date.now() / 1000),
          accessed_time: 0,
          used_quota: 0,
          DeletedAt: null,
        });
        if (keys.size > MAX_CREATED_KEYS) keys.delete(/** @type {number} */ (keys.keys().next().value));
        return null;
      }
      if (operationId === "listTokens" && keys.size && Array.isArray(documented?.data?.items)) {
        const size = Number(query.page_size ?? query.size ?? query.ps ?? documented.data.page_size ?? 10);
        const page = Math.max(1, Number(query.p ?? 1));
        const all = [
          ...[...keys.values()].reverse().map((k) => ({ ...k, key: masked(k.key) })),
          ...documented.data.items,
        ];
        const items = all.slice((page - 1) * size, page * size);
        return { ...documented, data: { ...documented.data, page, page_size: size, total: all.length, items } };
      }
      const key = created(params.id);
      if (!key) return null;
      if (operationId === "getTokenKey") return { success: true, message: "", data: { key: key.key } };
      if (operationId === "getToken") return { success: true, message: "", data: { ...key, key: masked(key.key) } };
      if (operationId === "deleteToken") {
        keys.delete(key.id);
        return null;
      }
      return null;
    },
  };
}
