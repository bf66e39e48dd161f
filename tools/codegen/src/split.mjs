// @ts-check
// One package's part of the bundled spec: its operations and the components they reach.
import { METHODS, escapePointer, resolvePointer } from "@allmhub/spec-model";

/**
 * Keeps only the operations of one package (`x-package`) and the components they reach.
 * @param {any} doc a bundled OpenAPI document (only internal refs)
 * @param {string} pkg
 * @returns {any} a new document
 */
export function filterByPackage(doc, pkg) {
  const out = structuredClone(doc);
  for (const [path, item] of Object.entries(out.paths ?? {})) {
    for (const m of METHODS) {
      if (item[m] && item[m]["x-package"] !== pkg) delete item[m];
    }
    if (!METHODS.some((m) => item[m])) delete out.paths[path];
  }
  pruneComponents(out);
  const usedTags = new Set();
  for (const item of Object.values(out.paths ?? {}))
    for (const m of METHODS) for (const t of item[m]?.tags ?? []) usedTags.add(t);
  if (out.tags) out.tags = out.tags.filter((/** @type {{name: string}} */ t) => usedTags.has(t.name));
  out.info = { ...out.info, title: `${out.info.title} (${pkg})` };
  return out;
}

/**
 * Removes components no operation reaches (transitively), keeping security schemes in use.
 * @param {any} doc
 */
export function pruneComponents(doc) {
  const reached = new Set();
  const visit = (/** @type {any} */ node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    if (typeof node.$ref === "string" && node.$ref.startsWith("#/components/")) {
      if (!reached.has(node.$ref)) {
        reached.add(node.$ref);
        visit(resolvePointer(doc, node.$ref));
      }
    }
    for (const v of Object.values(node)) visit(v);
  };
  visit(doc.paths);
  visit(doc.security);
  const schemesInUse = new Set();
  for (const req of doc.security ?? []) for (const k of Object.keys(req)) schemesInUse.add(k);
  for (const item of Object.values(doc.paths ?? {}))
    for (const m of METHODS)
      for (const req of item[m]?.security ?? []) for (const k of Object.keys(req)) schemesInUse.add(k);
  for (const [section, entries] of Object.entries(doc.components ?? {})) {
    for (const name of Object.keys(entries)) {
      const ref = `#/components/${section}/${escapePointer(name)}`;
      const keep = section === "securitySchemes" ? schemesInUse.has(name) : reached.has(ref);
      if (!keep) delete entries[name];
    }
    if (Object.keys(entries).length === 0) delete doc.components[section];
  }
}
