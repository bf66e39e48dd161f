// Custom Spectral functions of the project ruleset (.spectral.mjs). Each returns a list of problems.

/** Sites an example or an operation may cite. */
export const SITES = ["allmhub", "allinone", "best-aigc", "mirror", "new-api"];

const isNonEmptyString = (v) => typeof v === "string" && v.trim().length > 0;

/** A request body media type must carry at least one example. */
export function mediaTypeHasExamples(media) {
  if (!media || typeof media !== "object") return [];
  const named = media.examples && typeof media.examples === "object" ? Object.keys(media.examples).length : 0;
  if (named > 0 || media.example !== undefined) return [];
  return [{ message: "A request body needs at least one documented example (examples: {<page>: ...})." }];
}

/** An operation needs a 2xx response whose content carries at least one example. */
export function successResponseHasExample(operation) {
  if (!operation || typeof operation !== "object") return [];
  const success = Object.entries(operation.responses ?? {}).filter(([code]) => /^2/.test(code));
  if (success.length === 0) return [{ message: "The operation has no 2xx response." }];
  for (const [, response] of success) {
    const content = response?.content;
    if (!content) return []; // an empty success (204) needs no example
    for (const media of Object.values(content)) {
      if (media && ((media.examples && Object.keys(media.examples).length > 0) || media.example !== undefined)) return [];
    }
  }
  return [{ message: "No 2xx response carries a documented example." }];
}

/** An example names the documentation page it was copied from, or says it was written by the team. */
export function exampleHasSource(example) {
  if (!example || typeof example !== "object") return [];
  if (example["x-source"] === "written") return [];
  const page = example["x-doc-page"];
  if (!page || typeof page !== "object") {
    return [{ message: "An example needs x-doc-page {site, title, url} or x-source: written." }];
  }
  const problems = [];
  if (!SITES.includes(page.site)) problems.push({ message: `x-doc-page.site must be one of ${SITES.join(", ")}.` });
  if (!isNonEmptyString(page.title)) problems.push({ message: "x-doc-page.title must name the page." });
  if (!isNonEmptyString(page.url) || !/^https?:\/\//.test(page.url)) problems.push({ message: "x-doc-page.url must be the page's address." });
  return problems;
}

/** A component schema carries x-doc-name (its documented name or names) or says why it has none. */
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
