// @ts-check
// One walk of a resolved document for several rules: the places each rule's given selects.
import { walkOnce } from "./walk-once.mjs";

/** @typedef {import("./walk-once.mjs").JsonPath} JsonPath */
/** @typedef {import("./given-matchers.mjs").GivenMatcher} GivenMatcher */
/** @typedef {Map<GivenMatcher, Array<[JsonPath, unknown]>>} Places */

/**
 * A function giving, for a resolved document, the places (path and value) each of `matchers` selects, found in
 * one {@link walkOnce} of the document, the first time it is asked for that document. The matchers must share
 * one context function (walkOnce enters an object once per context).
 * @param {GivenMatcher[]} matchers
 * @returns {(root: unknown) => Places}
 */
export function sharedWalk(matchers) {
  const distinct = [...new Set(matchers)];
  const contextOf = distinct[0]?.contextOf ?? (() => "");
  if (distinct.some((m) => m.contextOf !== contextOf)) throw new Error("sharedWalk: matchers of different contexts");
  /** @type {WeakMap<object, Places>} */
  const byRoot = new WeakMap();
  return (root) => {
    const known = root !== null && typeof root === "object" ? byRoot.get(root) : undefined;
    if (known) return known;
    /** @type {Places} */
    const places = new Map(distinct.map((m) => [m, []]));
    walkOnce(
      root,
      (path, value) => {
        for (const m of distinct) if (m.matches(path, value)) places.get(m)?.push([[...path], value]);
      },
      contextOf,
    );
    if (root !== null && typeof root === "object") byRoot.set(root, places);
    return places;
  };
}
