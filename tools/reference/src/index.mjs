// @ts-check
// The static API reference site: a copy of the bundled spec in which every operation and every example shows
// the documentation pages it came from, and every request example the SDK call that sends it, rendered by
// Redoc's standalone bundle from node_modules (no CDN).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { METHODS, deref, operationsOf } from "@allmhub/spec-model";
import { codeSamples } from "./samples.mjs";

const require = createRequire(import.meta.url);

/**
 * @typedef {{ site: string, title: string, url?: string, note?: string }} DocPage
 * @typedef {{ method: string, path: string, operationId: string, summary: string, tag: string }} OperationInfo
 */

/**
 * Every operation of a spec, in document order.
 * @param {any} spec an OpenAPI 3.x document
 * @returns {OperationInfo[]}
 */
export function listOperations(spec) {
  return operationsOf(spec).map(({ method, path, operationId, op }) => ({
    method,
    path,
    operationId,
    summary: op.summary ?? "",
    tag: op.tags?.[0] ?? "",
  }));
}

/**
 * The anchor Redoc gives an operation (`#tag/<tag>/operation/<operationId>`), as used in its `data-section-id`.
 * @param {OperationInfo} op
 * @returns {string}
 */
export function operationSectionId(op) {
  return op.tag ? `tag/${op.tag}/operation/${op.operationId}` : `operation/${op.operationId}`;
}

/** Escapes text for the label of a Markdown link. */
const mdText = (/** @type {string} */ s) => String(s).replace(/[\\[\]*_`<>]/g, (c) => `\\${c}`);
/** Makes a URL safe inside a Markdown link target. */
const mdUrl = (/** @type {string} */ s) =>
  encodeURI(decodeURI(String(s)))
    .replace(/\(/g, "%28")
    .replace(/\)/g, "%29");

/**
 * One documentation page as a Markdown link followed by its site: `[title](url) (site)`; a page whose address
 * was not recorded is its title alone.
 * @param {DocPage} page
 * @returns {string}
 */
export function docPageLink(page) {
  const site = `(${mdText(page.site)}${page.url ? "" : ", address not recorded"})`;
  return page.url ? `[${mdText(page.title)}](${mdUrl(page.url)}) ${site}` : `${mdText(page.title)} ${site}`;
}

/**
 * Where an example comes from, as one Markdown line: its documentation page, or "written by the team".
 * @param {any} example an Example object (resolved)
 * @returns {string}
 */
export function exampleSource(example) {
  const page = example?.["x-doc-page"];
  if (page) return `Documentation page: ${docPageLink(page)}`;
  if (example?.["x-source"] === "written") return "Written by the team (no documentation page shows this example).";
  return "Source not recorded.";
}

/**
 * The examples of one operation with where they appear: request body, answers, parameters.
 * @param {any} spec
 * @param {any} op an Operation object
 * @returns {{ name: string, where: string, example: any }[]}
 */
export function operationExamples(spec, op) {
  /** @type {{ name: string, where: string, example: any }[]} */
  const found = [];
  const fromContent = (/** @type {any} */ content, /** @type {string} */ where) => {
    for (const [mediaType, media] of Object.entries(content ?? {})) {
      for (const [name, ex] of Object.entries(/** @type {any} */ (media)?.examples ?? {})) {
        found.push({ name, where: `${where}, ${mediaType}`, example: deref(spec, ex) });
      }
    }
  };
  for (const param of op.parameters ?? []) {
    const p = deref(spec, param);
    for (const [name, ex] of Object.entries(p?.examples ?? {}))
      found.push({ name, where: `parameter ${p.name}`, example: deref(spec, ex) });
  }
  fromContent(deref(spec, op.requestBody)?.content, "request body");
  for (const [status, response] of Object.entries(op.responses ?? {}))
    fromContent(deref(spec, response)?.content, `answer ${status}`);
  return found;
}

/**
 * The Markdown appended to an operation's description: its documentation pages, then each example with its page.
 * @param {any} spec
 * @param {any} op an Operation object
 * @returns {string}
 */
export function operationSourcesMarkdown(spec, op) {
  /** @type {DocPage[]} */
  const pages = op["x-doc-pages"] ?? [];
  const lines = ["**Documentation pages**", ""];
  if (pages.length === 0) lines.push("- none recorded");
  for (const page of pages) lines.push(`- ${docPageLink(page)}`);
  const examples = operationExamples(spec, op);
  if (examples.length > 0) {
    lines.push("", "**Examples and the pages they came from**", "");
    for (const { name, where, example } of examples)
      lines.push(`- \`${name}\` (${mdText(where)}): ${exampleSource(example)}`);
  }
  return lines.join("\n");
}

/**
 * A copy of the spec for the reference site: each operation's description ends with its documentation pages and
 * its examples' pages, each example's description names its page, and each operation's `x-codeSamples` (shown by
 * Redoc next to the request and answer examples) gain the `@allmhub` call of each of its request examples. The
 * input is not changed.
 * @param {any} spec the bundled spec (spec/dist/openapi.json)
 * @param {import("./samples.mjs").CodeSample[]} [samples] the SDK calls to show (by default {@link codeSamples})
 * @returns {any}
 */
export function annotateSpec(spec, samples = codeSamples(spec)) {
  const copy = structuredClone(spec);
  for (const item of Object.values(copy.paths ?? {})) {
    for (const method of METHODS) {
      const op = /** @type {any} */ (item)?.[method];
      if (!op) continue;
      const sources = operationSourcesMarkdown(copy, op);
      op.description = op.description ? `${op.description.trimEnd()}\n\n${sources}\n` : `${sources}\n`;
      const calls = samples.filter((s) => s.operationId === op.operationId);
      if (calls.length)
        op["x-codeSamples"] = [
          ...(op["x-codeSamples"] ?? []),
          ...calls.map(({ lang, label, source }) => ({ lang, label, source })),
        ];
    }
  }
  // Every Example object (components or inline) names its page in its own description too.
  const visit = (/** @type {any} */ node) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    if ("value" in node && ("x-doc-page" in node || "x-source" in node)) {
      // A written example whose description already says so is left as it is.
      if (node["x-source"] === "written" && /^Written by the team/i.test(node.description ?? "")) return;
      const source = exampleSource(node);
      node.description = node.description ? `${node.description.trimEnd()}\n\n${source}\n` : source;
      return;
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(copy.paths);
  visit(copy.components?.examples);
  copy.info = {
    ...copy.info,
    description: `${(copy.info?.description ?? "").trimEnd()}\n\nThis reference is built from the bundled spec of the SDK. Each operation ends with the documentation pages it comes from and, for each example, the page it was copied from (or "written by the team"). Its request samples show the \`@allmhub\` call that sends each request example, type-checked against the packages by \`npm test\`.\n`,
  };
  return copy;
}

/** Path of Redoc's standalone bundle in node_modules. */
export const redocBundlePath = () => require.resolve("redoc/bundles/redoc.standalone.js");

/** The one remote resource Redoc's bundle loads by itself: the "API docs by Redocly" logo in the sidebar. */
export const REDOC_REMOTE_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";

/**
 * Redoc's standalone bundle, made fully offline: the remote logo's URL is emptied, so the image fails at once
 * and Redoc hides it (its own onError handler) instead of reaching for the CDN.
 * @returns {string}
 */
export function offlineRedocBundle() {
  return readFileSync(redocBundlePath(), "utf8").split(`"${REDOC_REMOTE_LOGO}"`).join('""');
}

/** Redoc's options for the site. */
export const REDOC_OPTIONS = Object.freeze({
  expandResponses: "200,201",
  jsonSampleExpandLevel: 3,
  requiredPropsFirst: true,
  pathInMiddlePanel: true,
  hideDownloadButton: false,
  theme: { sidebar: { width: "300px" } },
});

/**
 * The site's index.html: the spec is embedded (so the page works from `file://`), Redoc loads from a file next to it.
 * @param {any} spec the (annotated) spec to show
 * @param {{ redocScript?: string }} [options] the URL of Redoc's standalone bundle, relative to the page
 * @returns {string}
 */
export function renderHtml(spec, { redocScript = "redoc.standalone.js" } = {}) {
  // `<` is escaped so that no string in the spec can close the script element.
  const json = JSON.stringify(spec).replace(/</g, "\\u003c");
  const title = String(spec.info?.title ?? "API reference").replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'unsafe-inline' 'unsafe-eval' blob: file:; worker-src blob:; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'none'">
<title>${title}</title>
<style>body { margin: 0; padding: 0; }</style>
</head>
<body>
<div id="redoc-container"></div>
<script id="spec" type="application/json">${json}</script>
<script src="${redocScript}"></script>
<script>
  Redoc.init(JSON.parse(document.getElementById("spec").textContent), ${JSON.stringify(REDOC_OPTIONS)}, document.getElementById("redoc-container"));
</script>
</body>
</html>
`;
}

/**
 * Writes the site: index.html (spec embedded), redoc.standalone.js with its license notice, and the annotated
 * openapi.json.
 * @param {{ spec: any, outDir: string }} options the bundled spec and the folder to write to
 * @returns {{ outDir: string, index: string, operations: number, examples: number, samples: number }}
 */
export function buildSite({ spec, outDir }) {
  const samples = codeSamples(spec);
  const annotated = annotateSpec(spec, samples);
  mkdirSync(outDir, { recursive: true });
  const index = join(outDir, "index.html");
  writeFileSync(index, renderHtml(annotated));
  writeFileSync(join(outDir, "redoc.standalone.js"), offlineRedocBundle());
  copyFileSync(`${redocBundlePath()}.LICENSE.txt`, join(outDir, "redoc.standalone.js.LICENSE.txt"));
  writeFileSync(join(outDir, "openapi.json"), `${JSON.stringify(annotated, null, 2)}\n`);
  const operations = listOperations(spec);
  const examples = operations.reduce((n, o) => n + operationExamples(spec, spec.paths[o.path][o.method]).length, 0);
  return { outDir, index, operations: operations.length, examples, samples: samples.filter((s) => !s.skipped).length };
}

/**
 * Reads a JSON file.
 * @param {string} file
 * @returns {any}
 */
export function readJson(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** Path of the bundled spec (spec/dist/openapi.json, built by `npm start` / `pnpm generate`). */
export const bundledSpecPath = () => require.resolve("@allmhub/spec/dist/openapi.json");

export { SAMPLE_LANG, codeSamples, writeSamples } from "./samples.mjs";
/** @typedef {import("./samples.mjs").CodeSample} CodeSample */
