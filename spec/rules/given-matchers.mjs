// @ts-check
// The JSONPath `given`s of the spectral:oas rules that scan the whole resolved document, written out as the
// tests nimma (Spectral's JSONPath engine) compiles them to, so that walk-once.mjs can apply them.

/** @typedef {import("./walk-once.mjs").JsonPath} JsonPath */

/**
 * @typedef {object} GivenMatcher
 * @property {(path: JsonPath, value: any) => boolean} matches whether the member at `path` is one the given selects
 * @property {(path: JsonPath) => string | null} contextOf how much of an object's path decides what the given
 *   selects below it (see walkOnce)
 */

/** The context of a test that looks at a member's own key and value only: none. */
const OWN_KEY_AND_VALUE = () => "";

/** Any member, at any depth, whose test looks at the member's own key and value only. */
const anywhere = (/** @type {GivenMatcher["matches"]} */ matches) => ({ matches, contextOf: OWN_KEY_AND_VALUE });

/**
 * A `$.paths[*][*]..<holder>[*].examples[*]` given: nimma tests depth >= 6, `paths` first, `examples` second to
 * last and `<holder>` fourth to last. Below depth 6, what an object's path decides is whether it starts with
 * `paths`, which of its last three keys are `<holder>` and whether the last is `examples`.
 * @param {string} holder
 * @returns {GivenMatcher}
 */
const examplesUnderOperations = (holder) => ({
  matches: (path) =>
    path.length >= 7 && path[0] === "paths" && path[path.length - 2] === "examples" && path[path.length - 4] === holder,
  contextOf: (path) => {
    if (path.length < 6) return null;
    const n = path.length;
    const flag = (/** @type {boolean} */ b) => (b ? "1" : "0");
    return `${flag(path[0] === "paths")}${flag(path[n - 3] === holder)}${flag(path[n - 2] === holder)}${flag(path[n - 1] === holder)}${flag(path[n - 1] === "examples")}`;
  },
});

/**
 * A fixed path with `*` for any key (`$.components.parameters[*].examples[*]`): nimma tests its exact depth and
 * each named key, so no object deeper than the path is looked at.
 * @param {Array<string>} segments
 * @returns {GivenMatcher}
 */
const fixedPath = (segments) => ({
  matches: (path) => path.length === segments.length && segments.every((s, i) => s === "*" || path[i] === s),
  contextOf: (path) => (path.length < segments.length ? null : ""),
});

/** Each given by its exact text in spectral:oas (@stoplight/spectral-rulesets). */
const MATCHERS = new Map([
  [
    "$..[?(@property !== 'properties' && @ != null && @.enum && @.enum.constructor.name === 'Array')]",
    anywhere(
      (path, value) =>
        path[path.length - 1] !== "properties" &&
        value != null &&
        Boolean(value.enum) &&
        value.enum.constructor.name === "Array",
    ),
  ],
  [
    "$..[description,title]",
    anywhere((path) => path[path.length - 1] === "description" || path[path.length - 1] === "title"),
  ],
  [
    "$..[?(@ && @.enum && @.type)]",
    // biome-ignore lint/complexity/useOptionalChain: written as nimma evaluates the filter
    anywhere((_path, value) => Boolean(value && value.enum && value.type)),
  ],
  ["$.components.examples[*]", fixedPath(["components", "examples", "*"])],
  ["$.paths[*][*]..content[*].examples[*]", examplesUnderOperations("content")],
  ["$.paths[*][*]..parameters[*].examples[*]", examplesUnderOperations("parameters")],
  ["$.components.parameters[*].examples[*]", fixedPath(["components", "parameters", "*", "examples", "*"])],
  ["$.paths[*][*]..headers[*].examples[*]", examplesUnderOperations("headers")],
  ["$.components.headers[*].examples[*]", fixedPath(["components", "headers", "*", "examples", "*"])],
]);

/**
 * One matcher for a rule's givens: a member is selected when any given selects it, and an object's context
 * is what every given needs of its path.
 * @param {string | string[]} given the rule's `given`, exactly as spectral:oas writes it
 * @returns {GivenMatcher}
 */
export function matcherFor(given) {
  const matchers = [given].flat().map((g) => {
    const m = MATCHERS.get(g);
    if (!m) throw new Error(`no walk-once matcher for the given ${JSON.stringify(g)}: spectral:oas changed it`);
    return m;
  });
  if (matchers.length === 1) return /** @type {GivenMatcher} */ (matchers[0]);
  return {
    matches: (path, value) => matchers.some((m) => m.matches(path, value)),
    contextOf: (path) => {
      let contexts = "";
      for (const m of matchers) {
        const context = m.contextOf(path);
        if (context === null) return null;
        contexts += `${context},`;
      }
      return contexts;
    },
  };
}
