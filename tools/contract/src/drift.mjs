// @ts-check
// Where a live answer differs from the spec: schema errors sorted into kinds, and fields the spec does not know.
import { deref } from "@allmhub/spec-model";

/**
 * @typedef {{ kind: "unknown-field" | "missing-required" | "wrong-type" | "invalid-value" | "undocumented-status" | "other", path: string, detail: string }} Drift
 */

/**
 * Sorts Ajv errors into drift kinds with the JSON path of the answer where each happened.
 * @param {Array<{ keyword: string, instancePath: string, params: any, message?: string }>} errors
 * @returns {Drift[]}
 */
export function driftFromErrors(errors) {
  /** @type {Drift[]} */
  const out = [];
  for (const e of errors) {
    const at = e.instancePath || "/";
    if (e.keyword === "required")
      out.push({
        kind: "missing-required",
        path: `${e.instancePath}/${e.params?.missingProperty}`,
        detail: "required by the spec, absent in the answer",
      });
    else if (e.keyword === "type") out.push({ kind: "wrong-type", path: at, detail: `expected ${e.params?.type}` });
    else if (e.keyword === "additionalProperties")
      out.push({
        kind: "unknown-field",
        path: `${e.instancePath}/${e.params?.additionalProperty}`,
        detail: "not allowed by the spec",
      });
    else if (
      [
        "enum",
        "const",
        "format",
        "pattern",
        "minimum",
        "maximum",
        "minItems",
        "maxItems",
        "minLength",
        "maxLength",
      ].includes(e.keyword)
    ) {
      out.push({ kind: "invalid-value", path: at, detail: e.message ?? e.keyword });
    } else if (e.keyword === "oneOf" || e.keyword === "anyOf" || e.keyword === "if") {
      // Composite failures repeat the errors of their branches: keep them out of the list.
    } else out.push({ kind: "other", path: at, detail: e.message ?? e.keyword });
  }
  return dedupe(out);
}

/**
 * Fields present in the answer that no (sub)schema declares, even where the schema allows extra fields:
 * they are what the spec should learn next.
 * @param {any} doc the bundled spec (to resolve references)
 * @param {any} schema the answer's schema
 * @param {unknown} value the answer
 * @returns {Drift[]}
 */
export function unknownFields(doc, schema, value) {
  /** @type {Drift[]} */
  const out = [];
  const walk = (
    /** @type {any} */ s,
    /** @type {unknown} */ v,
    /** @type {string} */ path,
    /** @type {number} */ depth,
  ) => {
    s = deref(doc, s);
    if (!s || depth > 12 || v === null || typeof v !== "object") return;
    const branches = [...(s.oneOf ?? []), ...(s.anyOf ?? []), ...(s.allOf ?? [])].map((b) => deref(doc, b));
    if (Array.isArray(v)) {
      const items = s.items ?? branches.find((b) => b?.items)?.items;
      if (items) for (const [i, item] of v.slice(0, 20).entries()) walk(items, item, `${path}/${i}`, depth + 1);
      return;
    }
    /** @type {Record<string, any>} */
    const props = { ...(s.properties ?? {}) };
    for (const b of branches) Object.assign(props, b?.properties ?? {});
    const declaresObject = Object.keys(props).length > 0;
    const extras = s.additionalProperties;
    for (const [key, child] of Object.entries(/** @type {Record<string, unknown>} */ (v))) {
      if (key in props) walk(props[key], child, `${path}/${key}`, depth + 1);
      else if (extras && typeof extras === "object") walk(extras, child, `${path}/${key}`, depth + 1);
      else if (declaresObject)
        out.push({ kind: "unknown-field", path: `${path}/${key}`, detail: "not declared by the spec" });
    }
  };
  walk(schema, value, "", 0);
  return out;
}

/** @param {Drift[]} list */
function dedupe(list) {
  const seen = new Set();
  return list.filter((d) => {
    const key = `${d.kind} ${d.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
