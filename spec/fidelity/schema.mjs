// @ts-check
// Reading JSON Schemas for field counting: the object alternatives ("members") a schema allows once $ref,
// allOf, oneOf and anyOf are resolved, the schemas found along a path of properties and array items, and
// the JSON types a schema accepts. Works on OpenAPI 3.0 and 3.1 documents and on plain JSON Schema.

/**
 * @typedef {{
 *   props: Map<string, any[]>,   // property name -> the schemas that define it (several after merging)
 *   required: Set<string>,
 * }} Member
 * An object alternative of a schema.
 */

/** Keywords that only annotate: a `$ref` with nothing but these beside it is the target alone. */
const ANNOTATIONS = new Set([
  "description",
  "title",
  "summary",
  "examples",
  "example",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "$comment",
  "externalDocs",
]);

/** At most this many members from one schema (an allOf of unions multiplies them). */
const MAX_MEMBERS = 400;

/**
 * A reader of the schemas of one document (its `$ref`s are local JSON pointers).
 * @param {any} doc
 */
export function createReader(doc) {
  /** @param {string} ref */
  const target = (ref) => {
    if (!ref.startsWith("#")) throw new Error(`only local $refs are read: ${ref}`);
    const parts = ref
      .slice(2)
      .split("/")
      .filter((p) => p !== "")
      .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    const found = parts.reduce((/** @type {any} */ n, k) => (n == null ? undefined : n[k]), doc);
    if (found === undefined) throw new Error(`unresolved $ref ${ref}`);
    return found;
  };

  /**
   * The schema a node stands for: `$ref`s followed; a `$ref` with constraints beside it becomes an allOf.
   * @param {any} schema
   * @returns {any}
   */
  const deref = (schema) => {
    let s = schema;
    const seen = new Set();
    while (s && typeof s === "object" && typeof s.$ref === "string") {
      if (seen.has(s.$ref)) return {};
      seen.add(s.$ref);
      const rest = Object.keys(s).filter((k) => k !== "$ref" && !ANNOTATIONS.has(k) && !k.startsWith("x-"));
      const t = target(s.$ref);
      if (rest.length === 0) s = t;
      else {
        const { $ref: _ignored, ...siblings } = s;
        return { allOf: [t, siblings] };
      }
    }
    return s;
  };

  /**
   * Whether a property schema is marked readOnly (or writeOnly), on itself or on the schema it refers to.
   * @param {any} schema
   * @param {"readOnly" | "writeOnly"} flag
   */
  const marked = (schema, flag) => {
    if (!schema || typeof schema !== "object") return false;
    if (schema[flag] === true) return true;
    const d = deref(schema);
    if (d !== schema && d?.[flag] === true) return true;
    return false;
  };

  /** @type {Map<any, Member[]>} */
  const memberCache = new Map();

  /**
   * The object alternatives a schema allows.
   * @param {any} schema
   * @param {Set<any>} [stack]
   * @returns {Member[]}
   */
  const members = (schema, stack = new Set()) => {
    const s = deref(schema);
    if (!s || typeof s !== "object") return [];
    const cached = memberCache.get(s);
    if (cached) return cached;
    if (stack.has(s)) return [];
    stack.add(s);
    try {
      /** @type {Member[][]} */
      const factors = [];
      if (s.properties || s.required) {
        /** @type {Member} */
        const own = { props: new Map(), required: new Set(s.required ?? []) };
        for (const [name, p] of Object.entries(s.properties ?? {})) own.props.set(name, [p]);
        factors.push([own]);
      }
      for (const part of s.allOf ?? []) {
        const m = members(part, stack);
        if (m.length) factors.push(m);
      }
      const alternatives = [...(s.oneOf ?? []), ...(s.anyOf ?? [])].flatMap((a) => members(a, stack));
      if (alternatives.length) factors.push(alternatives);
      /** @type {string[]} */
      const typeList = [].concat(s.type ?? []);
      if (factors.length === 0) {
        // A plain object without properties (a free-form map) has no listed fields: no member.
        return [];
      }
      if (typeList.length && !typeList.includes(/** @type {never} */ ("object"))) return [];
      /** @type {Member[]} */
      let out = [{ props: new Map(), required: new Set() }];
      for (const factor of factors) {
        /** @type {Member[]} */
        const next = [];
        for (const a of out) for (const b of factor) if (next.length < MAX_MEMBERS) next.push(merge(a, b));
        out = next;
      }
      memberCache.set(s, out);
      return out;
    } finally {
      stack.delete(s);
    }
  };

  /**
   * The schemas of an array's items (through unions: every array alternative).
   * @param {any} schema
   * @param {Set<any>} [stack]
   * @returns {any[]}
   */
  const arrayItems = (schema, stack = new Set()) => {
    const s = deref(schema);
    if (!s || typeof s !== "object" || stack.has(s)) return [];
    stack.add(s);
    const out = [];
    if (s.items && typeof s.items === "object" && !Array.isArray(s.items)) out.push(s.items);
    if (Array.isArray(s.prefixItems)) out.push(...s.prefixItems);
    for (const a of [...(s.oneOf ?? []), ...(s.anyOf ?? []), ...(s.allOf ?? [])]) out.push(...arrayItems(a, stack));
    stack.delete(s);
    return out;
  };

  /**
   * The schemas found at a path from a root: `a.b` follows properties, `a[]` also steps into array items.
   * The empty path is the root itself.
   * @param {any[]} roots
   * @param {string} path
   * @returns {any[]}
   */
  const locate = (roots, path) => {
    let current = roots;
    for (const step of parsePath(path)) {
      const next = [];
      for (const s of current) {
        for (const m of members(s)) {
          for (const p of m.props.get(step.name) ?? []) {
            if (step.array) next.push(...arrayItems(p));
            else next.push(p);
          }
        }
      }
      current = next;
    }
    return current;
  };

  /**
   * The JSON types a schema accepts (`integer` is kept apart from `number`), or "any".
   * @param {any} schema
   * @param {Set<any>} [stack]
   * @returns {Set<string> | "any"}
   */
  const types = (schema, stack = new Set()) => {
    if (schema === true || schema === undefined) return "any";
    if (schema === false) return new Set();
    const s = deref(schema);
    if (!s || typeof s !== "object") return "any";
    if (stack.has(s)) return "any";
    stack.add(s);
    try {
      /** @type {Set<string> | "any" | null} */
      let own = null;
      if (s.type !== undefined) own = new Set([].concat(s.type));
      else if (s.const !== undefined) own = new Set([jsonType(s.const)]);
      else if (Array.isArray(s.enum)) own = new Set(s.enum.map(jsonType));
      else if (s.properties || s.additionalProperties !== undefined) own = new Set(["object"]);
      else if (s.items || s.prefixItems) own = new Set(["array"]);
      if (own && s.nullable === true) own.add("null");
      if (own && Array.isArray(s.enum) && s.enum.includes(null)) own.add("null");
      const alternatives = [...(s.oneOf ?? []), ...(s.anyOf ?? [])];
      /** @type {Set<string> | "any" | null} */
      let union = null;
      if (alternatives.length) {
        union = new Set();
        for (const a of alternatives) {
          const t = types(a, stack);
          if (t === "any") {
            union = "any";
            break;
          }
          for (const x of t) union.add(x);
        }
      }
      /** @type {Set<string> | "any"} */
      let result = own ?? union ?? "any";
      if (own && union) result = intersect(own, union);
      for (const part of s.allOf ?? []) {
        const t = types(part, stack);
        result = intersect(result, t);
      }
      if (result !== "any" && s.nullable === true) result.add("null");
      return result;
    } finally {
      stack.delete(s);
    }
  };

  /**
   * The discriminator values a member carries in `prop` (its `const` or `enum`), or null when it does not
   * fix them (absent, or any string).
   * @param {Member} member
   * @param {string} prop
   * @returns {string[] | null}
   */
  const labels = (member, prop) => {
    const defs = member.props.get(prop);
    if (!defs) return null;
    /** @type {Set<string> | null} */
    let values = null;
    for (const d of defs) {
      const v = constValues(d);
      if (v === null) continue;
      const previous = /** @type {Set<string> | null} */ (values);
      values = previous ? new Set([...previous].filter((x) => v.includes(x))) : new Set(v);
    }
    return values?.size ? [...values] : null;
  };

  /**
   * @param {any} schema
   * @returns {string[] | null}
   */
  const constValues = (schema) => {
    const s = deref(schema);
    if (!s || typeof s !== "object") return null;
    if (typeof s.const === "string") return [s.const];
    if (Array.isArray(s.enum)) {
      const v = s.enum.filter((/** @type {unknown} */ x) => typeof x === "string");
      return v.length ? v : null;
    }
    const alternatives = [...(s.oneOf ?? []), ...(s.anyOf ?? [])];
    if (alternatives.length) {
      const all = [];
      for (const a of alternatives) {
        const d = deref(a);
        if (d?.type === "null") continue;
        const v = constValues(a);
        if (v === null) return null;
        all.push(...v);
      }
      return all.length ? all : null;
    }
    for (const part of s.allOf ?? []) {
      const v = constValues(part);
      if (v) return v;
    }
    return null;
  };

  return { deref, members, arrayItems, locate, types, labels, marked };
}

/**
 * @param {Member} a
 * @param {Member} b
 * @returns {Member}
 */
function merge(a, b) {
  const props = new Map(a.props);
  for (const [k, v] of b.props) props.set(k, [...(props.get(k) ?? []), ...v]);
  return { props, required: new Set([...a.required, ...b.required]) };
}

/**
 * @param {Set<string> | "any"} a
 * @param {Set<string> | "any"} b
 * @returns {Set<string> | "any"}
 */
function intersect(a, b) {
  if (a === "any") return b === "any" ? "any" : new Set(b);
  if (b === "any") return a;
  const out = new Set();
  for (const x of a) {
    if (b.has(x)) out.add(x);
    else if (x === "integer" && b.has("number")) out.add("integer");
    else if (x === "number" && b.has("integer")) out.add("integer");
  }
  return out;
}

/** @param {unknown} v */
function jsonType(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

/**
 * `messages[].content[]` -> [{ name: "messages", array: true }, { name: "content", array: true }]
 * @param {string} path
 */
export function parsePath(path) {
  if (!path) return [];
  return path.split(".").map((part) => ({ name: part.replace(/\[\]$/, ""), array: part.endsWith("[]") }));
}

/**
 * Whether a spec type set accepts every value of a vendor type set. `number` accepts integers; a vendor
 * `number` marked as a TypeScript number (integer or not unknown) is accepted by an `integer`; a vendor
 * field without a type is accepted by any.
 * @param {Set<string> | "any"} spec
 * @param {Set<string> | "any"} vendor
 * @param {{ tsNumber?: boolean }} [options]
 */
export function accepts(spec, vendor, options = {}) {
  // A vendor field without a type (TypeScript `unknown`, a schema-less `{}`) leaves the choice to the spec.
  if (spec === "any" || vendor === "any") return true;
  for (const t of vendor) {
    if (spec.has(t)) continue;
    if (t === "integer" && spec.has("number")) continue;
    if (t === "number" && options.tsNumber && spec.has("integer")) continue;
    return false;
  }
  return true;
}

/** @param {Set<string> | "any"} t */
export function typeText(t) {
  return t === "any" ? "any" : [...t].sort().join("|") || "never";
}
