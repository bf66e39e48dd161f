// @ts-check
// Measures how much of the vendors' descriptions and of new-api's structs the spec covers, operation by
// operation and side by side (see targets.mjs for what is counted where).
import { accepts, createReader, typeText } from "./schema.mjs";
import { TARGETS } from "./targets.mjs";

/**
 * @typedef {import("./targets.mjs").Target} Target
 * @typedef {import("./targets.mjs").SideTarget} SideTarget
 * @typedef {"request" | "answer" | "events"} Side
 * @typedef {{ operation: string, side: Side, path: string, kind?: "missing" | "type" | "struct" | "required" | "example", reason: string }} Exception
 * @typedef {{ schemas: any[], required: boolean }} FieldDef
 * @typedef {Map<string, Map<string, FieldDef>>} Buckets  label ("*" when the member has no discriminator) -> field -> definition
 * @typedef {{
 *   total: number, present: number, typed: number, excepted: number, coverage: number | null,
 *   missing: string[], typeMismatches: Array<{ path: string, vendor: string, spec: string }>,
 * }} VendorFigures
 * @typedef {{ struct: string, total: number, present: number, excepted: number, coverage: number | null, missing: string[], notNullable: string[] }} NewApiFigures
 * `notNullable`: answer fields new-api may write as null (a pointer without omitempty) that the spec types without null.
 * @typedef {{
 *   side: Side, inSpec: boolean, vendor: VendorFigures, newApi: NewApiFigures | null,
 *   required: { violations: Array<{ path: string, why: string }>, excepted: string[], gatewayMayOmit: string[] } | null,
 * }} SideResult
 * @typedef {{ key: string, operationId: string | null, vendor: string, vendorOperation: string, sides: SideResult[] }} OperationResult
 * @typedef {{
 *   operations: OperationResult[],
 *   exceptions: { applied: Array<Exception & { kind: string }>, stale: Array<Exception & { kind: string, why: string }> },
 * }} FidelityReport
 */

export const SIDES = /** @type {const} */ (["request", "answer", "events"]);

/**
 * @param {{
 *   spec: any,
 *   reference: { openai: any, anthropic: any, gemini: any, newApi: any },
 *   exceptions?: Exception[],
 *   targets?: Target[],
 * }} input
 * @returns {FidelityReport}
 */
export function measure(input) {
  const targets = input.targets ?? TARGETS;
  const exceptions = (input.exceptions ?? []).map((e) => ({ ...e, kind: e.kind ?? "missing" }));
  const specReader = createReader(input.spec);
  const readers = {
    openai: createReader(input.reference.openai),
    anthropic: createReader(input.reference.anthropic),
    gemini: createReader(input.reference.gemini),
  };
  /** @type {FidelityReport["exceptions"]} */
  const outcome = { applied: [], stale: [] };
  const measuredSides = new Set();
  /** @type {OperationResult[]} */
  const operations = [];

  for (const target of targets) {
    const specOp = input.spec.paths?.[target.path]?.[target.method];
    /** @type {OperationResult} */
    const result = {
      key: target.key,
      operationId: specOp?.operationId ?? null,
      vendor: target.vendor,
      vendorOperation: target.vendorOperation,
      sides: [],
    };
    for (const side of SIDES) {
      const sideTarget = target.sides[side];
      if (!sideTarget) continue;
      measuredSides.add(`${target.key} ${side}`);
      const vendorRoots = vendorRootsOf(input.reference, target, side);
      const specRoots = specOp ? specRootsOf(specOp, side) : [];
      const mine = exceptions.filter((e) => e.operation === target.key && e.side === side);
      result.sides.push(
        measureSide({
          target,
          side,
          sideTarget,
          vendorRoots,
          specRoots,
          inSpec: specRoots.length > 0,
          readers,
          specReader,
          newApi: input.reference.newApi,
          exceptions: mine,
          outcome,
        }),
      );
    }
    operations.push(result);
  }
  for (const e of exceptions) {
    if (e.kind === "example") continue;
    if (!measuredSides.has(`${e.operation} ${e.side}`))
      outcome.stale.push({ ...e, why: "no such operation and side is measured" });
  }
  return { operations, exceptions: outcome };
}

/**
 * @param {{
 *   target: Target, side: Side, sideTarget: SideTarget, vendorRoots: any[], specRoots: any[], inSpec: boolean,
 *   readers: Record<string, ReturnType<typeof createReader>>, specReader: ReturnType<typeof createReader>, newApi: any,
 *   exceptions: Array<Exception & { kind: string }>, outcome: FidelityReport["exceptions"],
 * }} a
 * @returns {SideResult}
 */
function measureSide(a) {
  const vendorReader = a.readers[a.target.vendor];
  if (!vendorReader) throw new Error(`no reader for ${a.target.vendor}`);
  /** @type {VendorFigures} */
  const vendor = { total: 0, present: 0, typed: 0, excepted: 0, coverage: null, missing: [], typeMismatches: [] };
  const structNames = Object.values(a.sideTarget.structs ?? {}).flat();
  /** @type {NewApiFigures | null} */
  const newApi = structNames.length
    ? {
        struct: [...new Set(structNames)].join(", "),
        total: 0,
        present: 0,
        excepted: 0,
        coverage: null,
        missing: [],
        notNullable: [],
      }
    : null;
  const answerSide = a.side !== "request";
  /** @type {SideResult["required"]} */
  const required = answerSide ? { violations: [], excepted: [], gatewayMayOmit: [] } : null;
  /** @type {Map<string, { defined: boolean, present: boolean, typed: boolean }>} */
  const vendorKeys = new Map();
  /** @type {Map<string, { defined: boolean, present: boolean }>} */
  const structKeys = new Map();
  const violationKeys = new Set();

  for (const container of a.sideTarget.containers) {
    const disc = a.sideTarget.disc?.[container] ?? "type";
    const vendorBuckets = bucketsAt(vendorReader, a.vendorRoots, container, disc, a.side);
    const specBuckets = bucketsAt(a.specReader, a.specRoots, container, disc, a.side);

    // Vendor fields: present, and with the vendor's types.
    for (const [label, fields] of vendorBuckets) {
      for (const [name, def] of fields) {
        const key = keyOf(container, disc, label, name);
        const specDefs = candidates(specBuckets, label).flatMap((b) => b.get(name)?.schemas ?? []);
        const present = specDefs.length > 0;
        let typed = false;
        if (present) {
          const vt = unionTypes(vendorReader, def.schemas);
          const st = unionTypes(a.specReader, specDefs);
          typed = accepts(st, vt, { tsNumber: def.schemas.some((s) => tsNumber(vendorReader, s)) });
          if (!typed) vendor.typeMismatches.push({ path: key, vendor: typeText(vt), spec: typeText(st) });
        } else vendor.missing.push(key);
        vendorKeys.set(key, { defined: true, present, typed });
        vendor.total += 1;
        if (present) vendor.present += 1;
        if (typed) vendor.typed += 1;
      }
    }

    // new-api struct fields at this container.
    const named = a.sideTarget.structs?.[container];
    const structList = (named === undefined ? [] : [named].flat()).map((name) => {
      const struct = a.newApi.structs[name];
      if (!struct) throw new Error(`${a.target.key} ${a.side}: no struct ${name} in the new-api reference`);
      return struct;
    });
    /** @type {Map<string, any>} */
    const structFields = new Map();
    for (const struct of structList)
      for (const f of struct.fields ?? [])
        if (f.json && f.json !== "-" && !structFields.has(f.json)) structFields.set(f.json, f);
    if (newApi && structList.length) {
      const specNames = new Set([...specBuckets.values()].flatMap((b) => [...b.keys()]));
      for (const [name, field] of structFields) {
        const key = container ? `${container}.${name}` : name;
        const present = specNames.has(name);
        // A pointer without omitempty is written as null when unset: the answer's type must accept null.
        if (present && answerSide && ((field.pointer && !field.omitempty) || field.alwaysNull)) {
          const st = unionTypes(
            a.specReader,
            [...specBuckets.values()].flatMap((b) => b.get(name)?.schemas ?? []),
          );
          if (st !== "any" && !st.has("null")) newApi.notNullable.push(key);
        }
        structKeys.set(key, { defined: true, present });
        newApi.total += 1;
        if (present) newApi.present += 1;
        else newApi.missing.push(key);
      }
    }

    // What the spec requires of an answer: required by the vendor too, or a field only new-api writes.
    if (required) {
      for (const [label, fields] of specBuckets) {
        for (const [name, def] of fields) {
          if (!def.required) continue;
          const key = keyOf(container, disc, label, name);
          const vendorDefs = candidates(vendorBuckets, label)
            .map((b) => b.get(name))
            .filter((d) => d !== undefined);
          const structField = structFields.get(name);
          if (structField?.omitempty && !structField.alwaysNull) required.gatewayMayOmit.push(key);
          let why = null;
          if (vendorDefs.length) {
            if (!vendorDefs.some((d) => d.required)) why = "required by the spec, optional for the vendor";
          } else if (!structField) why = "required by the spec, defined by neither the vendor nor new-api";
          if (why) {
            violationKeys.add(key);
            required.violations.push({ path: key, why });
          }
        }
      }
    }
  }

  // Deliberate exceptions: applied, or stale when the reason is gone.
  for (const e of a.exceptions) {
    const stale = (/** @type {string} */ why) => a.outcome.stale.push({ ...e, why });
    if (e.kind === "missing" || e.kind === "type") {
      const k = vendorKeys.get(e.path);
      if (!k) stale("the vendor does not define this field (here)");
      else if (e.kind === "missing" && k.present) stale("the spec now has this field");
      else if (e.kind === "type" && !k.present)
        stale("the spec lacks this field: an exception of kind `missing` is meant");
      else if (e.kind === "type" && k.typed) stale("the spec's type now accepts the vendor's");
      else {
        vendor.excepted += 1;
        if (e.kind === "missing") vendor.missing = vendor.missing.filter((p) => p !== e.path);
        else vendor.typeMismatches = vendor.typeMismatches.filter((m) => m.path !== e.path);
        a.outcome.applied.push(e);
      }
    } else if (e.kind === "struct") {
      const k = structKeys.get(e.path);
      if (!k) stale("new-api's struct does not define this field (here)");
      else if (k.present) stale("the spec now has this field");
      else if (newApi) {
        newApi.excepted += 1;
        newApi.missing = newApi.missing.filter((p) => p !== e.path);
        a.outcome.applied.push(e);
      }
    } else if (e.kind === "required") {
      if (!required || !violationKeys.has(e.path))
        stale("the spec no longer requires this field against the vendor's word");
      else {
        required.violations = required.violations.filter((v) => v.path !== e.path);
        required.excepted.push(e.path);
        a.outcome.applied.push(e);
      }
    } else if (e.kind !== "example") stale(`unknown kind ${e.kind}`);
  }

  vendor.coverage = vendor.total ? (vendor.typed + vendor.excepted) / vendor.total : null;
  if (newApi) newApi.coverage = newApi.total ? (newApi.present + newApi.excepted) / newApi.total : null;
  return { side: a.side, inSpec: a.inSpec, vendor, newApi, required };
}

/**
 * The fields of every object alternative found at a container, grouped by discriminator value.
 * @param {ReturnType<typeof createReader>} reader
 * @param {any[]} roots
 * @param {string} container
 * @param {string} disc
 * @param {Side} side
 * @returns {Buckets}
 */
export function bucketsAt(reader, roots, container, disc, side) {
  /** @type {Buckets} */
  const buckets = new Map();
  for (const schema of reader.locate(roots, container)) {
    for (const member of reader.members(schema)) {
      const labels = reader.labels(member, disc) ?? ["*"];
      for (const [name, defs] of member.props) {
        // Output-only fields are not part of a request; input-only ones not part of an answer.
        if (side === "request" && defs.every((d) => reader.marked(d, "readOnly"))) continue;
        if (side !== "request" && defs.every((d) => reader.marked(d, "writeOnly"))) continue;
        for (const label of labels) {
          let bucket = buckets.get(label);
          if (!bucket) buckets.set(label, (bucket = new Map()));
          const def = bucket.get(name) ?? { schemas: [], required: false };
          def.schemas.push(...defs);
          def.required ||= member.required.has(name);
          bucket.set(name, def);
        }
      }
    }
  }
  return buckets;
}

/**
 * The spec's buckets a vendor field of `label` may be found in: the same discriminator value, or members
 * without one; a vendor member without a discriminator may be matched by any member.
 * @param {Buckets} buckets
 * @param {string} label
 */
function candidates(buckets, label) {
  if (label === "*") return [...buckets.values()];
  return [buckets.get(label), buckets.get("*")].filter((b) => b !== undefined);
}

/**
 * `messages[]` + role=user + name -> `messages[role=user].name`; the body's own fields are bare names.
 * @param {string} container
 * @param {string} disc
 * @param {string} label
 * @param {string} name
 */
export function keyOf(container, disc, label, name) {
  const tag = label === "*" ? "" : `[${disc}=${label}]`;
  const base = tag && container.endsWith("[]") ? `${container.slice(0, -2)}${tag}` : `${container}${tag}`;
  return base ? `${base}.${name}` : name;
}

/**
 * @param {ReturnType<typeof createReader>} reader
 * @param {any[]} schemas
 */
function unionTypes(reader, schemas) {
  /** @type {Set<string>} */
  const out = new Set();
  for (const s of schemas) {
    const t = reader.types(s);
    if (t === "any") return "any";
    for (const x of t) out.add(x);
  }
  return out;
}

/**
 * Whether a vendor schema is a TypeScript `number` (the Claude reference marks them).
 * @param {ReturnType<typeof createReader>} reader
 * @param {any} schema
 * @returns {boolean}
 */
function tsNumber(reader, schema) {
  const s = reader.deref(schema);
  if (!s || typeof s !== "object") return false;
  if (s["x-ts-number"] === true) return true;
  return [...(s.anyOf ?? []), ...(s.oneOf ?? [])].some((x) => tsNumber(reader, x));
}

/**
 * The vendor's schemas of one side of an operation.
 * @param {{ openai: any, anthropic: any, gemini: any }} reference
 * @param {Target} target
 * @param {Side} side
 * @returns {any[]}
 */
function vendorRootsOf(reference, target, side) {
  if (target.vendor === "anthropic") {
    const root = reference.anthropic.roots?.[side];
    return root ? [root] : [];
  }
  const doc = target.vendor === "openai" ? reference.openai : reference.gemini;
  const op = doc.operations?.[target.vendorOperation];
  if (!op) throw new Error(`the ${target.vendor} reference has no operation ${target.vendorOperation}`);
  if (side === "request") return Object.values(op.request ?? {});
  const ok = Object.entries(op.responses ?? {})
    .filter(([status]) => /^2/.test(status))
    .map(([, c]) => c);
  if (target.vendor === "gemini") {
    // Discovery documents describe a streamed answer by the schema of each chunk.
    return ok.map((c) => c["application/json"]).filter(Boolean);
  }
  const media = target.sides[side]?.vendorMedia ?? (side === "answer" ? "application/json" : "text/event-stream");
  return ok.map((c) => c[media]).filter((s) => s && !isBinary(s));
}

/**
 * The spec's schemas of one side of an operation.
 * @param {any} op
 * @param {Side} side
 */
function specRootsOf(op, side) {
  if (side === "request")
    return Object.values(op.requestBody?.content ?? {})
      .map((c) => /** @type {any} */ (c).schema)
      .filter(Boolean);
  const out = [];
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    if (!/^2/.test(status)) continue;
    for (const [media, c] of Object.entries(/** @type {any} */ (response).content ?? {})) {
      const schema = /** @type {any} */ (c).schema;
      if (!schema) continue;
      if (side === "events" && media === "text/event-stream") out.push(schema.contentSchema ?? schema);
      if (side === "answer" && /json/.test(media) && !isBinary(schema)) out.push(schema);
    }
  }
  return out;
}

/** @param {any} schema */
function isBinary(schema) {
  return schema?.type === "string" && (schema.format === "binary" || schema.contentMediaType !== undefined);
}
