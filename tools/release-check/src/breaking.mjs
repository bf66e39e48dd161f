// @ts-check
// Spec changes that break clients: what code written against the last released spec (and the SDK generated
// from it) can no longer do, or values it may now receive that it was not promised.
//
// Requests (parameters, bodies) may not ask for more: a removed parameter or field, a newly required one, a
// narrowed type, a removed enum value or union member break callers. Answers may not promise less: a removed
// success status, media type or field, a field that became optional, a type that now allows other values
// (string -> string | null), a removed enum value or union member break readers. New optional request fields,
// new answer fields, new enum values and union members in answers, and new operations are not breaking.
// Not compared: numeric and length limits, formats, patterns, security schemes, headers of answers.

import { derefWithName, operationsById as viewsById } from "@allmhub/spec-model";

/**
 * @typedef {"request" | "response"} Direction
 * @typedef {{
 *   package: string,
 *   operationId: string,
 *   kind: string,
 *   where: string,
 *   detail: string,
 * }} BreakingChange
 */

/**
 * The npm package that serves an operation (`x-package: chat` -> `@allmhub/chat`).
 * @param {any} op
 * @returns {string}
 */
export function packageOf(op) {
  return `@allmhub/${op?.["x-package"] ?? "unknown"}`;
}

/**
 * Every operation of a spec by operationId.
 * @param {any} spec
 * @returns {Map<string, { method: string, path: string, op: any }>}
 */
export function operationsById(spec) {
  return viewsById(spec);
}

/**
 * Follows internal `$ref`s (`#/...`) to the value they name. Returns the value and the last reference followed.
 * @param {any} spec
 * @param {any} value
 * @returns {{ value: any, ref: string | undefined }}
 */
const deref = derefWithName;

/** The types a schema allows (`type`, plus `null` for OAS 3.0 `nullable`), or undefined when it says none. */
function typesOf(/** @type {any} */ schema) {
  if (!schema || typeof schema !== "object") return undefined;
  /** @type {string[]} */
  let types = Array.isArray(schema.type) ? [...schema.type] : typeof schema.type === "string" ? [schema.type] : [];
  if (types.length === 0 && Array.isArray(schema.allOf)) {
    for (const part of schema.allOf)
      if (part && typeof part === "object" && part.type)
        types = Array.isArray(part.type) ? [...part.type] : [part.type];
  }
  if (types.length === 0) return undefined;
  if (schema.nullable === true && !types.includes("null")) types.push("null");
  return new Set(types);
}

/** Whether the type set `within` allows every value of type `t` (an integer is a number). */
const covers = (/** @type {Set<string>} */ within, /** @type {string} */ t) =>
  within.has(t) || (t === "integer" && within.has("number"));

/**
 * The values a schema is limited to (`enum`, or `const`), or undefined.
 * @returns {unknown[] | undefined}
 */
function valuesOf(/** @type {any} */ schema) {
  if (!schema || typeof schema !== "object") return undefined;
  if (Array.isArray(schema.enum)) return schema.enum;
  if ("const" in schema) return [schema.const];
  return undefined;
}

const key = (/** @type {unknown} */ v) => JSON.stringify(v);

/** Appends a field name to a place: `request body application/json: messages` then `messages.content`. */
const field = (/** @type {string} */ where, /** @type {string} */ name) =>
  where.endsWith(":") ? `${where} ${name}` : `${where}.${name}`;
/** Appends a marker to a place: `[]` (array items), `{*}` (map values), `<event>`, `<member>`. */
const suffix = (/** @type {string} */ where, /** @type {string} */ mark) =>
  where.endsWith(":") ? `${where} ${mark}` : `${where}${mark}`;

/**
 * The object view of a schema: its properties and required names, merged with those of its `allOf` members.
 * @param {any} spec
 * @param {any} schema (resolved)
 * @param {number} [depth]
 * @returns {{ properties: Record<string, any>, required: Set<string>, hasObjectShape: boolean }}
 */
function objectView(spec, schema, depth = 0) {
  /** @type {Record<string, any>} */
  const properties = {};
  const required = new Set();
  let hasObjectShape = false;
  if (schema && typeof schema === "object") {
    if (schema.properties && typeof schema.properties === "object") {
      hasObjectShape = true;
      Object.assign(properties, schema.properties);
    }
    for (const r of schema.required ?? []) required.add(r);
    if (Array.isArray(schema.allOf) && depth < 16) {
      for (const part of schema.allOf) {
        const sub = objectView(spec, deref(spec, part).value, depth + 1);
        hasObjectShape ||= sub.hasObjectShape;
        for (const [name, prop] of Object.entries(sub.properties)) if (!(name in properties)) properties[name] = prop;
        for (const r of sub.required) required.add(r);
      }
    }
  }
  return { properties, required, hasObjectShape };
}

/** A name for a union member: its $ref's last segment, its title, or its discriminating `const`. */
function memberName(
  /** @type {any} */ spec,
  /** @type {any} */ member,
  /** @type {number} */ index,
  /** @type {string | undefined} */ discriminator,
) {
  const { value, ref } = deref(spec, member);
  if (ref) return ref.split("/").pop() ?? `#${index}`;
  if (discriminator) {
    const d = objectView(spec, value).properties[discriminator];
    const values = valuesOf(deref(spec, d).value);
    if (values?.length === 1) return `${discriminator}=${key(values[0])}`;
  }
  if (value?.title) return String(value.title);
  return `#${index}`;
}

/**
 * Compares two schemas in the given direction and reports what breaks clients.
 * @param {{ oldSpec: any, newSpec: any, report: (kind: string, where: string, detail: string) => void, seen: Set<string> }} ctx
 * @param {any} oldSchema
 * @param {any} newSchema
 * @param {Direction} dir
 * @param {string} where
 * @param {number} depth
 */
function compareSchemas(ctx, oldSchema, newSchema, dir, where, depth = 0) {
  if (depth > 48) return;
  const o = deref(ctx.oldSpec, oldSchema);
  const n = deref(ctx.newSpec, newSchema);
  if (o.ref || n.ref) {
    const pair = `${dir}|${o.ref ?? where}|${n.ref ?? where}`;
    if (ctx.seen.has(pair)) return;
    ctx.seen.add(pair);
  }
  const os = o.value;
  const ns = n.value;
  if (!os || typeof os !== "object" || !ns || typeof ns !== "object") return;
  const at = where.replace(/:$/, "");

  // Types.
  const ot = typesOf(os);
  const nt = typesOf(ns);
  if (dir === "request") {
    if (ot && nt) {
      const lost = [...ot].filter((t) => !covers(nt, t));
      if (lost.length)
        ctx.report("narrowed-type", at, `accepted ${[...ot].join(" | ")}, now only ${[...nt].join(" | ")}`);
    }
  } else if (nt) {
    if (ot) {
      const gained = [...nt].filter((t) => !covers(ot, t));
      if (gained.length)
        ctx.report("widened-response-type", at, `was ${[...ot].join(" | ")}, now also ${gained.join(" | ")}`);
    }
  }

  // Enums and consts.
  const ov = valuesOf(os);
  const nv = valuesOf(ns);
  if (nv) {
    const now = new Set(nv.map(key));
    if (ov) {
      const removed = ov.filter((v) => !now.has(key(v)));
      if (removed.length) ctx.report("removed-enum-value", at, `no longer ${removed.map(key).join(", ")}`);
    } else if (dir === "request") {
      ctx.report("narrowed-type", at, `now limited to ${nv.map(key).join(", ")}`);
    }
  }

  // Objects.
  const ob = objectView(ctx.oldSpec, os);
  const nb = objectView(ctx.newSpec, ns);
  if (ob.hasObjectShape || nb.hasObjectShape) {
    for (const name of Object.keys(ob.properties)) {
      const place = field(where, name);
      if (!(name in nb.properties)) {
        ctx.report(dir === "request" ? "removed-request-field" : "removed-response-field", place, "field removed");
        continue;
      }
      if (dir === "request" && nb.required.has(name) && !ob.required.has(name))
        ctx.report("request-field-became-required", place, "was optional, now required");
      if (dir === "response" && ob.required.has(name) && !nb.required.has(name))
        ctx.report("response-field-became-optional", place, "was always present, now optional");
      compareSchemas(ctx, ob.properties[name], nb.properties[name], dir, place, depth + 1);
    }
    if (dir === "request") {
      for (const name of nb.required) {
        if (name in ob.properties || ob.required.has(name)) continue;
        ctx.report("new-required-request-field", field(where, name), "new field, required");
      }
    }
  }
  const oap = os.additionalProperties;
  const nap = ns.additionalProperties;
  if (oap && typeof oap === "object" && nap && typeof nap === "object")
    compareSchemas(ctx, oap, nap, dir, suffix(where, "{*}"), depth + 1);

  // Arrays.
  if (os.items && ns.items) compareSchemas(ctx, os.items, ns.items, dir, suffix(where, "[]"), depth + 1);

  // Streamed answers: the schema of each event.
  if (os.contentSchema && ns.contentSchema)
    compareSchemas(ctx, os.contentSchema, ns.contentSchema, dir, suffix(where, "<event>"), depth + 1);

  // Unions: members are matched by $ref name, discriminating const, title, or position.
  for (const keyword of /** @type {const} */ (["oneOf", "anyOf"])) {
    const om = os[keyword];
    const nm = ns[keyword] ?? (keyword === "oneOf" ? ns.anyOf : ns.oneOf);
    if (!Array.isArray(om) || !Array.isArray(nm)) continue;
    const disc = os.discriminator?.propertyName ?? ns.discriminator?.propertyName;
    const newByName = new Map(nm.map((m, i) => [memberName(ctx.newSpec, m, i, disc), m]));
    om.forEach((m, i) => {
      const name = memberName(ctx.oldSpec, m, i, disc);
      const match = newByName.get(name);
      if (match === undefined) ctx.report("removed-union-member", at, `${keyword} member ${name} removed`);
      else compareSchemas(ctx, m, match, dir, suffix(where, `<${name}>`), depth + 1);
    });
  }
}

/**
 * The breaking changes from `oldSpec` (the last released spec) to `newSpec` (the bundled one), one entry per
 * operation and place, each naming the package that serves the operation.
 * @param {any} oldSpec
 * @param {any} newSpec
 * @returns {BreakingChange[]}
 */
export function findBreakingChanges(oldSpec, newSpec) {
  /** @type {BreakingChange[]} */
  /** @type {BreakingChange[]} */
  const changes = [];
  const oldOps = operationsById(oldSpec);
  const newOps = operationsById(newSpec);
  const newByRoute = new Map([...newOps].map(([id, o]) => [`${o.method} ${o.path}`, id]));

  for (const [operationId, { method, path, op }] of oldOps) {
    const pkg = packageOf(op);
    const route = `${method.toUpperCase()} ${path}`;
    /** @type {(kind: string, where: string, detail: string) => void} */
    const report = (kind, where, detail) =>
      void changes.push({ package: pkg, operationId, kind, where: `${route} ${where}`.trim(), detail });
    const next = newOps.get(operationId);
    if (!next) {
      const renamed = newByRoute.get(`${method} ${path}`);
      if (renamed)
        report("renamed-operation", "", `operationId ${operationId} is now ${renamed} (the SDK method is renamed)`);
      else report("removed-operation", "", "operation removed");
      continue;
    }
    if (next.method !== method || next.path !== path)
      report("moved-operation", "", `now ${next.method.toUpperCase()} ${next.path}`);
    if (packageOf(next.op) !== pkg) report("moved-package", "", `now served by ${packageOf(next.op)}`);
    const ctx = { oldSpec, newSpec, report, seen: new Set() };
    const nop = next.op;

    // Parameters (path-item parameters included), by location and name.
    const params = (/** @type {any} */ spec, /** @type {any} */ item, /** @type {any} */ o) => {
      const all = new Map();
      for (const p of [...(item?.parameters ?? []), ...(o.parameters ?? [])]) {
        const v = deref(spec, p).value;
        if (v?.name) all.set(`${v.in} ${v.name}`, v);
      }
      return all;
    };
    const oldParams = params(oldSpec, oldSpec.paths[path], op);
    const newParams = params(newSpec, newSpec.paths[next.path], nop);
    for (const [id, p] of oldParams) {
      const q = newParams.get(id);
      if (!q) {
        report("removed-parameter", `parameter ${id}`, "parameter removed");
        continue;
      }
      if (q.required && !p.required)
        report("parameter-became-required", `parameter ${id}`, "was optional, now required");
      compareSchemas(ctx, p.schema, q.schema, "request", `parameter ${id}:`);
    }
    for (const [id, q] of newParams)
      if (!oldParams.has(id) && q.required)
        report("new-required-parameter", `parameter ${id}`, "new parameter, required");

    // Request body.
    const ob = deref(oldSpec, op.requestBody).value;
    const nb = deref(newSpec, nop.requestBody).value;
    if (nb?.required && !ob?.required)
      report(
        "request-body-became-required",
        "request body",
        ob ? "was optional, now required" : "new request body, required",
      );
    for (const [mediaType, media] of Object.entries(ob?.content ?? {})) {
      const target = nb?.content?.[mediaType];
      if (!target) report("removed-request-media-type", `request body ${mediaType}`, "media type no longer accepted");
      else
        compareSchemas(ctx, /** @type {any} */ (media).schema, target.schema, "request", `request body ${mediaType}:`);
    }

    // Successful answers.
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      if (!/^2/.test(status)) continue;
      const nr = deref(newSpec, nop.responses?.[status] ?? nop.responses?.["2XX"]).value;
      if (!nr) {
        report("removed-success-status", `answer ${status}`, "status no longer returned");
        continue;
      }
      for (const [mediaType, media] of Object.entries(deref(oldSpec, response).value?.content ?? {})) {
        const target = nr.content?.[mediaType];
        if (!target)
          report("removed-response-media-type", `answer ${status} ${mediaType}`, "media type no longer returned");
        else
          compareSchemas(
            ctx,
            /** @type {any} */ (media).schema,
            target.schema,
            "response",
            `answer ${status} ${mediaType}:`,
          );
      }
    }
  }
  return changes;
}

/**
 * The packages that breaking changes touch, sorted.
 * @param {BreakingChange[]} changes
 * @returns {string[]}
 */
export function affectedPackages(changes) {
  return [...new Set(changes.map((c) => c.package))].sort();
}

/**
 * One line per breaking change: `@allmhub/chat createThing removed-response-field: POST /v1/x answer 200 ...: a (field removed)`.
 * @param {BreakingChange[]} changes
 * @returns {string[]}
 */
export function formatChanges(changes) {
  return changes.map((c) => `${c.package} ${c.operationId} ${c.kind}: ${c.where} (${c.detail})`);
}
