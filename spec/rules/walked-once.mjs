// @ts-check
// spectral:oas rules that scan the whole resolved document, run over each shared object once.
//
// Spectral checks most rules on the resolved document, where every `$ref` is replaced by what it names: our
// bundle's 36 thousand values become 450 thousand there (a schema used by 300 operations is walked 300 times).
// A rule whose given scans the whole document (`$..`) visits all of them, and so does every other rule, because
// the resolved document is frozen and nimma then walks it whole. The same rule, walked here with each shared
// object entered once, makes the same calls on the same values: a problem Spectral finds under a `$ref` is
// reported at the object the `$ref` names (the same place from any of its 300 uses) and the copies are
// dropped as duplicates. Name, severity, message, formats and the `then` functions stay spectral:oas's own;
// only how the matched places are found changes.

import { applyThens } from "./apply-then.mjs";
import { matcherFor } from "./given-matchers.mjs";
import { sharedWalk } from "./shared-walk.mjs";

/**
 * Where a copy of the resolved document keeps the document it was copied from: the lint runner hands Spectral
 * one with its top copied (tools/codegen/src/unshare.mjs), and these rules walk the resolved document itself,
 * in which an object used in many places is one object.
 */
const COPIED_FROM = Symbol.for("allmhub.lint.copiedFrom");

/** @typedef {import("./apply-then.mjs").Then} Then */
/** @typedef {import("./apply-then.mjs").Problem} Problem */
/** @typedef {import("./given-matchers.mjs").GivenMatcher} GivenMatcher */
/** @typedef {import("./shared-walk.mjs").Places} Places */

/**
 * The override of one spectral:oas rule: given `$` (the resolved document, as the rule is resolved), one
 * function that runs the rule's own `then`s on every place its given selects, found by walking the document
 * once (shared with the other walked-once rules whose givens look at the same part of a path).
 * @param {string} name
 * @param {{ given: string | string[], then: Then | Then[], resolved?: boolean }} definition spectral:oas's definition
 * @param {GivenMatcher} [matcher] the test of its given
 * @param {(root: unknown) => Places} [placesOf] the walk that finds its places
 * @returns {{ given: string, then: { function: (root: unknown, options: unknown, context: object) => Problem[] } }}
 */
export function walkedOnce(name, definition, matcher = matcherFor(definition.given), placesOf = sharedWalk([matcher])) {
  if (definition.resolved === false) throw new Error(`walk-once: ${name} is not checked on the resolved document`);
  const thens = [definition.then].flat();
  /**
   * @param {unknown} root
   * @param {unknown} _options
   * @param {object} context
   */
  const walk = (root, _options, context) => {
    /** @type {Problem[]} */
    const problems = [];
    const resolved = /** @type {any} */ (root)?.[COPIED_FROM] ?? root;
    for (const [path, value] of placesOf(resolved).get(matcher) ?? [])
      applyThens(thens, value, path, context, problems);
    return problems;
  };
  Object.defineProperty(walk, "name", { value: `${name} (walked once)` });
  return { given: "$", then: { function: walk } };
}

/** The spectral:oas rules the project ruleset walks once: those whose given scans the whole resolved document. */
export const WALKED_ONCE = [
  "duplicated-entry-in-enum",
  "no-eval-in-markdown",
  "no-script-tags-in-markdown",
  "typed-enum",
  "oas3-examples-value-or-externalValue",
];

/**
 * Overrides for a ruleset's `rules`: each named rule of `ruleset` walked once, the rules whose givens look at
 * the same part of a path (four of the five look at a member's own key and value only) sharing one walk.
 * @param {{ rules: Record<string, any> }} ruleset spectral:oas
 * @param {string[]} names
 */
export function rulesWalkedOnce(ruleset, names) {
  const matchers = names.map((name) => matcherFor(ruleset.rules[name].given));
  /** @type {Map<GivenMatcher["contextOf"], (root: unknown) => Places>} */
  const walks = new Map();
  for (const m of matchers)
    if (!walks.has(m.contextOf))
      walks.set(m.contextOf, sharedWalk(matchers.filter((o) => o.contextOf === m.contextOf)));
  return Object.fromEntries(
    names.map((name, i) => {
      const matcher = /** @type {GivenMatcher} */ (matchers[i]);
      return [name, walkedOnce(name, ruleset.rules[name], matcher, walks.get(matcher.contextOf))];
    }),
  );
}
