// @ts-check
// A TypeScript file that states every documented request example against the generated request types with
// `satisfies`, so that `tsc` fails when an example and the spec disagree.
import { deref, operationsOf } from "@allmhub/spec-model";
import { describeOperations } from "./describe.mjs";
import { commentText } from "./docs.mjs";
import { GENERATED_HEADER } from "./header.mjs";
import { pascal } from "./operations-code.mjs";

/** @param {string} s */
const safeIdent = (s) => s.replace(/[^A-Za-z0-9_$]/g, "_");

/**
 * The fields of an example body that the spec does not know and the example names in `x-extra-fields`
 * (a documentation page's typo, a field of one vendor): a user sends them through `extraBody`, so they are
 * checked apart from the typed fields.
 * @param {any} example
 * @returns {{ typed: unknown, extra: Record<string, unknown> | null }}
 */
export function splitExtraFields(example) {
  const names = example?.["x-extra-fields"];
  const value = example?.value;
  if (!Array.isArray(names) || !names.length || !value || typeof value !== "object")
    return { typed: value, extra: null };
  /** @type {Record<string, unknown>} */
  const typed = {};
  /** @type {Record<string, unknown>} */
  const extra = {};
  for (const [k, v] of Object.entries(value)) (names.includes(k) ? extra : typed)[k] = v;
  return { typed, extra };
}

/**
 * The checks of every request example of a package bundle.
 * @param {any} bundle
 * @returns {string}
 */
export function generateExampleChecks(bundle) {
  const infos = new Map(describeOperations(bundle).map((op) => [op.operationId, op]));
  const lines = [GENERATED_HEADER("request examples, type-checked")];
  const imports = new Set();
  /** @type {string[]} */
  const body = [];
  let needsFilesAsText = false;
  let needsOperations = false;
  let needsRequestOptions = false;
  for (const { operationId, parameters, requestBody } of operationsOf(bundle)) {
    const op = infos.get(operationId);
    if (!op) continue;
    const T = pascal(operationId);
    /** @type {Map<string, Record<string, Record<string, unknown>>>} parameter values by example name, then by location */
    const paramSets = new Map();
    for (const p of parameters) {
      for (const [name, ex] of Object.entries(p.examples ?? {})) {
        const set = paramSets.get(name) ?? {};
        set[p.in] = { ...(set[p.in] ?? {}), [p.name]: deref(bundle, ex).value };
        paramSets.set(name, set);
      }
    }
    const typeOf = { path: `${T}Path`, query: `${T}Query`, header: `${T}Headers` };
    for (const [name, set] of paramSets) {
      for (const [where, values] of Object.entries(set)) {
        const type = /** @type {Record<string, string>} */ (typeOf)[where];
        if (!type) continue;
        imports.add(type);
        body.push(`/** ${where} parameters of the example "${commentText(name)}". */`);
        body.push(
          `export const ${safeIdent(`${operationId}__${name}__${where}`)} = ${JSON.stringify(values, null, 2)} satisfies ${type};`,
          "",
        );
      }
    }
    if (!op.body) continue;
    const examples = Object.entries(requestBody.content).flatMap(([mediaType, media]) =>
      Object.entries(/** @type {any} */ (media).examples ?? {}).map(
        ([name, ex]) => /** @type {[string, any, string]} */ ([name, deref(bundle, ex), mediaType]),
      ),
    );
    for (const [name, ex, mediaType] of examples) {
      const multipart = mediaType === "multipart/form-data";
      if (mediaType !== "application/json" && !multipart) continue;
      if (multipart) needsFilesAsText = true;
      const source = ex["x-doc-page"] ? `${ex["x-doc-page"].site}: ${ex["x-doc-page"].title}` : "written by the team";
      const bodyType = op.body.alsoMultipart
        ? `NonNullable<operations[${JSON.stringify(operationId)}]["requestBody"]>["content"][${JSON.stringify(mediaType)}]`
        : `${T}Body`;
      if (op.body.alsoMultipart) needsOperations = true;
      else imports.add(`${T}Body`);
      const target = multipart ? `FilesAsText<${bodyType}>` : bodyType;
      const ident = safeIdent(`${operationId}__${name}${op.body.alsoMultipart && multipart ? "__form" : ""}`);
      if (typeof ex["x-untyped"] === "string") {
        body.push(
          `// ${name} (${source}) is not checked against the types (x-untyped): ${ex["x-untyped"]}`.replace(
            /\s+/g,
            " ",
          ),
          "",
        );
        continue;
      }
      const { typed, extra } = splitExtraFields(ex);
      body.push(`/** ${commentText(name)} (${commentText(source)}) */`);
      body.push(`export const ${ident} = ${JSON.stringify(typed, null, 2)} satisfies ${target};`, "");
      if (extra) {
        body.push(
          `/** Fields of "${commentText(name)}" the spec does not know (x-extra-fields): sent with the call option extraBody. */`,
        );
        body.push(
          `export const ${ident}__extraBody = ${JSON.stringify(extra, null, 2)} satisfies NonNullable<RequestOptions["extraBody"]>;`,
          "",
        );
        needsRequestOptions = true;
      }
    }
  }
  if (imports.size)
    lines.push(`import type { ${[...imports].sort().join(", ")} } from "../../src/generated/operations.js";`, "");
  if (needsOperations) lines.push(`import type { operations } from "../../src/generated/openapi.js";`, "");
  if (needsRequestOptions) lines.push(`import type { RequestOptions } from "@allmhub/core";`, "");
  if (!imports.size && !needsOperations) lines.push("export {};", "");
  if (needsFilesAsText) {
    lines.push(
      '/** Multipart examples write their files as text (`"<binary a.png>"`): every other field is checked as typed. */',
      "type FilesAsText<T> = { [K in keyof T]: NonNullable<T[K]> extends Blob ? string : NonNullable<T[K]> extends readonly Blob[] ? string[] : T[K] };",
      "",
    );
  }
  lines.push(...body);
  return lines.join("\n");
}
