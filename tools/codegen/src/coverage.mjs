// @ts-check
import { METHODS, deref } from "@allmhub/spec-model";

/**
 * @typedef {{ id: string, package: string, method: string, path: string }} InventoryEndpoint
 * @typedef {{ name: string, excluded?: boolean }} InventorySchema
 * @typedef {{ endpoints: InventoryEndpoint[], schemas: InventorySchema[] }} Inventory
 */

/** @param {string} template */
function templateRegex(template) {
  const parts = template
    .split(/(\{[^}]+\})/g)
    .map((p) => (p.startsWith("{") ? "[^/]+?" : p.replace(/[.*+?^$()|[\]\\]/g, "\\$&")));
  return new RegExp(`^${parts.join("").replace(/\/$/, "")}/?$`);
}

/**
 * How much of the documented gateway (the inventory) a bundled spec covers.
 * @param {any} spec bundled OpenAPI document
 * @param {Inventory} inventory
 */
export function coverage(spec, inventory) {
  /** @type {Array<[string, RegExp]>} */
  const routes = [];
  for (const [template, item] of Object.entries(spec.paths ?? {})) {
    for (const m of METHODS) if (deref(spec, item)?.[m]) routes.push([m, templateRegex(template)]);
  }
  const covers = (/** @type {InventoryEndpoint} */ e) => {
    const concrete = e.path.replace(/\{[^}]+\}/g, "x123").replace(/\/$/, "");
    return routes.some(([m, re]) => m === e.method.toLowerCase() && re.test(concrete));
  };
  const endpoints = inventory.endpoints.filter((e) => e.path.startsWith("/"));
  const missingEndpoints = endpoints.filter((e) => !covers(e));
  const unresolvedEndpoints = inventory.endpoints.filter((e) => !e.path.startsWith("/"));

  const documentedNames = new Set(inventory.schemas.filter((s) => !s.excluded).map((s) => s.name));
  const excludedNames = new Set(inventory.schemas.filter((s) => s.excluded).map((s) => s.name));
  /** @type {Map<string, string>} */
  const docNameToSchema = new Map();
  /** @type {string[]} */
  const unknownDocNames = [];
  for (const [name, schema] of Object.entries(spec.components?.schemas ?? {})) {
    for (const docName of [].concat(/** @type {any} */ (schema)?.["x-doc-name"] ?? [])) {
      docNameToSchema.set(docName, name);
      if (!documentedNames.has(docName))
        unknownDocNames.push(`${name}: ${docName}${excludedNames.has(docName) ? " (excluded from the API)" : ""}`);
    }
  }
  const missingSchemas = [...documentedNames].filter((n) => !docNameToSchema.has(n));

  let operations = 0;
  /** @type {string[]} */
  const withoutDocumentedExamples = [];
  const documented = (/** @type {any} */ media) =>
    Object.values(media?.examples ?? {}).filter((e) => deref(spec, e)?.["x-source"] !== "written").length +
    (media?.example !== undefined ? 1 : 0);
  for (const [path, item0] of Object.entries(spec.paths ?? {})) {
    const item = deref(spec, item0);
    for (const m of METHODS) {
      const op = item?.[m];
      if (!op) continue;
      operations++;
      const rb = deref(spec, op.requestBody);
      const requestOk = !rb?.content || Object.values(rb.content).some((c) => documented(c) > 0);
      const success = Object.entries(op.responses ?? {}).find(([code]) => /^2/.test(code));
      const response = success && deref(spec, success[1]);
      const responseOk = !response?.content || Object.values(response.content).some((c) => documented(c) > 0);
      if (!requestOk || !responseOk)
        withoutDocumentedExamples.push(
          `${m.toUpperCase()} ${path}${requestOk ? "" : " (request)"}${responseOk ? "" : " (response)"}`,
        );
    }
  }
  return {
    endpoints: {
      covered: endpoints.length - missingEndpoints.length,
      total: endpoints.length,
      missing: missingEndpoints,
      unresolved: unresolvedEndpoints,
    },
    schemas: {
      covered: documentedNames.size - missingSchemas.length,
      total: documentedNames.size,
      missing: missingSchemas,
      unknownDocNames,
    },
    examples: {
      covered: operations - withoutDocumentedExamples.length,
      total: operations,
      missing: withoutDocumentedExamples,
    },
  };
}

/**
 * The one-line summary.
 * @param {ReturnType<typeof coverage>} c
 */
export function coverageLine(c) {
  return `inventory coverage: endpoints ${c.endpoints.covered}/${c.endpoints.total}; documented schemas ${c.schemas.covered}/${c.schemas.total}; operations with documented examples ${c.examples.covered}/${c.examples.total}`;
}
