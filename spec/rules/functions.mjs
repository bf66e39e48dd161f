// @ts-check
// Custom Spectral functions of the project ruleset (.spectral.mjs). Each returns a list of problems.

/** Sites an example or an operation may cite. */
export const SITES = ["allmhub", "allinone", "best-aigc", "mirror", "new-api"];

const isNonEmptyString = (/** @type {unknown} */ v) => typeof v === "string" && v.trim().length > 0;

/** A request body media type must carry at least one example. */
/** @param {any} media */
export function mediaTypeHasExamples(media) {
  if (!media || typeof media !== "object") return [];
  const named = media.examples && typeof media.examples === "object" ? Object.keys(media.examples).length : 0;
  if (named > 0 || media.example !== undefined) return [];
  return [{ message: "A request body needs at least one documented example (examples: {<page>: ...})." }];
}

/** An operation needs a 2xx response whose content carries at least one example. */
/** @param {any} operation */
export function successResponseHasExample(operation) {
  if (!operation || typeof operation !== "object") return [];
  const success = Object.entries(operation.responses ?? {}).filter(([code]) => /^2/.test(code));
  if (success.length === 0) return [{ message: "The operation has no 2xx response." }];
  for (const [, response] of success) {
    const content = response?.content;
    if (!content) return []; // an empty success (204) needs no example
    for (const media of /** @type {any[]} */ (Object.values(content))) {
      if (media && ((media.examples && Object.keys(media.examples).length > 0) || media.example !== undefined))
        return [];
    }
  }
  return [{ message: "No 2xx response carries a documented example." }];
}

/** An example names the documentation page it was copied from, or says it was written by the team. */
/** @param {any} example */
export function exampleHasSource(example) {
  if (!example || typeof example !== "object") return [];
  if (example["x-source"] === "written") return [];
  const page = example["x-doc-page"];
  if (!page || typeof page !== "object") {
    return [{ message: "An example needs x-doc-page {site, title, url} or x-source: written." }];
  }
  /** @type {{ message: string }[]} */
  const problems = [];
  if (!SITES.includes(page.site)) problems.push({ message: `x-doc-page.site must be one of ${SITES.join(", ")}.` });
  if (!isNonEmptyString(page.title)) problems.push({ message: "x-doc-page.title must name the page." });
  if (!isNonEmptyString(page.url) || !/^https?:\/\//.test(page.url))
    problems.push({ message: "x-doc-page.url must be the page's address." });
  return problems;
}

/** A component schema carries x-doc-name (its documented name or names) or says why it has none. */
/** @param {any} schema */
export function schemaHasDocName(schema) {
  if (!schema || typeof schema !== "object") return [];
  const docName = schema["x-doc-name"];
  if (docName !== undefined) {
    const names = Array.isArray(docName) ? docName : [docName];
    if (names.length > 0 && names.every(isNonEmptyString)) return [];
    return [{ message: "x-doc-name must be the documented name, or a list of documented names." }];
  }
  if (isNonEmptyString(schema["x-undocumented"])) return [];
  return [{ message: "A component schema needs x-doc-name (the documented name) or x-undocumented: <why it exists>." }];
}

/** @returns {string[]} */
const OBJECT_TYPES = (/** @type {any} */ schema) => [].concat(schema?.type ?? []);

/**
 * A parameter uses a style the SDK serializes (core's `fillPath` and `serializeQuery`, equal to
 * openapi-fetch's defaults for these styles): path parameters in `simple` style holding a string or a
 * number, query parameters in `form` style, exploded, holding a primitive or an array of primitives.
 * Header parameters are sent as they are.
 */
/** @param {any} param */
export function parameterIsSerializable(param) {
  if (!param || typeof param !== "object" || (param.in !== "path" && param.in !== "query")) return [];
  /** @type {{ message: string }[]} */
  const problems = [];
  const types = OBJECT_TYPES(param.schema);
  if (param.in === "path") {
    if (param.style !== undefined && param.style !== "simple")
      problems.push({ message: `Path parameter "${param.name}" must use the simple style.` });
    if (param.explode === true) problems.push({ message: `Path parameter "${param.name}" must not be exploded.` });
    if (types.includes("object") || types.includes("array"))
      problems.push({ message: `Path parameter "${param.name}" must be a string or a number.` });
  } else {
    if (param.style !== undefined && param.style !== "form")
      problems.push({ message: `Query parameter "${param.name}" must use the form style.` });
    if (param.explode === false)
      problems.push({ message: `Query parameter "${param.name}" must be exploded (repeated name=value pairs).` });
    const itemTypes = types.includes("array") ? OBJECT_TYPES(param.schema?.items) : [];
    if (types.includes("object") || itemTypes.includes("object") || itemTypes.includes("array")) {
      problems.push({ message: `Query parameter "${param.name}" must be a primitive or an array of primitives.` });
    }
  }
  return problems;
}
