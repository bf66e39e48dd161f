// @ts-check
// The $ref resolver Spectral lints with: the spectral CLI's (local files and http), optionally handing Spectral
// the resolved document with its top copied (unshare.mjs).
import { createHttpAndFileResolver } from "@stoplight/spectral-ref-resolver";
import { unshareTop } from "./unshare.mjs";

/**
 * The resolver of `spectral lint`. With `unshareDepth`, the resolved document it returns has its top
 * `unshareDepth` levels copied by {@link unshareTop}, so that nimma walks only what the rules' paths name;
 * only for documents of plain JSON objects (a YAML-parsed document keeps its key order by other means).
 * @param {number | null} unshareDepth
 * @returns {NonNullable<import("@stoplight/spectral-core").IConstructorOpts["resolver"]>}
 */
export function createResolver(unshareDepth) {
  const resolver = createHttpAndFileResolver();
  if (unshareDepth === null) return resolver;
  return /** @type {any} */ ({
    get uriCache() {
      return resolver.uriCache;
    },
    /** @type {typeof resolver.resolve} */
    async resolve(source, opts) {
      const resolved = await resolver.resolve(source, opts);
      return { ...resolved, result: unshareTop(resolved.result, unshareDepth) };
    },
  });
}
