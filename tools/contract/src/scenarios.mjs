// @ts-check
// A scenario is one documented example replayed through a client: the request parts (body, path, query
// and header parameters) that share an example name, and the documented answer of the same name.

import { deref } from "@allmhub/spec-model";

const METHODS = ["get", "put", "post", "delete", "patch"];


/**
 * @typedef {{
 *   operationId: string, package: string, method: string, path: string, name: string,
 *   cost: "free" | "paid",
 *   envelope: string | null,
 *   params: { path?: Record<string, unknown>, query?: Record<string, unknown>, header?: Record<string, unknown> } | undefined,
 *   body: unknown, bodyMedia: string | null,
 *   extraFields: string[] | null,
 *   stream: boolean,
 *   expected: { status: string, media: string, value: unknown, name: string } | null,
 *   source: string,
 * }} Scenario
 */

/**
 * Every scenario of a bundled spec, in a stable order.
 * @param {any} doc
 * @returns {Scenario[]}
 */
export function collectScenarios(doc) {
  /** @type {Scenario[]} */
  const out = [];
  for (const [path, item0] of Object.entries(doc.paths ?? {})) {
    const item = deref(doc, item0);
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op) continue;
      /** @type {Map<string, any>} */
      const params = new Map();
      for (const p0 of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
        const p = deref(doc, p0);
        for (const [name, ex] of Object.entries(p.examples ?? {})) {
          const set = params.get(name) ?? {};
          set[p.in] = { ...(set[p.in] ?? {}), [p.name]: deref(doc, ex).value };
          params.set(name, set);
        }
      }
      const rb = deref(doc, op.requestBody);
      /** @type {Map<string, { media: string, example: any, exampleName: string }>} examples of every body media type, JSON first */
      const bodies = new Map();
      const mediaTypes = Object.keys(rb?.content ?? {}).sort((a, b) => (a === "application/json" ? -1 : b === "application/json" ? 1 : 0));
      for (const media of mediaTypes) {
        for (const [exampleName, example] of Object.entries(rb.content[media].examples ?? {})) {
          const name = bodies.has(exampleName) ? `${exampleName} (form)` : exampleName;
          bodies.set(name, { media, example: deref(doc, example), exampleName });
        }
      }
      const codes = Object.keys(op.responses ?? {}).filter((c) => /^2/.test(c)).sort();
      const content = codes[0] ? deref(doc, op.responses[codes[0]])?.content ?? {} : {};
      const responseNames = Object.values(content).flatMap((m) => Object.keys(/** @type {any} */ (m).examples ?? {}));
      const names = new Set([...bodies.keys(), ...params.keys()]);
      if (names.size === 0) for (const n of responseNames) names.add(n);
      if (names.size === 0) names.add("(no example)");
      const flag = op["x-stream-flag"];
      for (const name of names) {
        const entry = bodies.get(name);
        const bodyEx = entry?.example;
        const body = bodyEx?.value;
        const bodyMedia = entry?.media ?? mediaTypes[0] ?? null;
        const baseName = entry?.exampleName ?? name;
        const sse = content["text/event-stream"];
        const sseExample = sse?.examples?.[baseName] ? baseName : undefined;
        const wantsStream = Boolean(flag && body && typeof body === "object" && /** @type {any} */ (body)[flag] === true);
        const stream = Boolean(
          (wantsStream && sse && Object.keys(sse.examples ?? {}).length > 0) ||
            (!Object.keys(content).some((m) => m !== "text/event-stream") && sse),
        );
        out.push({
          operationId: op.operationId,
          package: op["x-package"],
          method,
          path,
          name,
          cost: op["x-cost"] === "free" ? "free" : "paid",
          envelope: op["x-envelope"] ?? null,
          params: params.get(baseName),
          body,
          bodyMedia,
          extraFields: Array.isArray(bodyEx?.["x-extra-fields"]) ? bodyEx["x-extra-fields"] : null,
          stream,
          expected: expectedAnswer(doc, codes[0], content, baseName, stream && sseExample === undefined ? undefined : baseName, stream),
          source: describeSource(bodyEx ?? firstExample(doc, content, name)),
        });
      }
    }
  }
  return out;
}

/**
 * The documented answer the mock gateway gives for a scenario (same rule as the mock: the example of the
 * same name, else the first one; from the event stream when the scenario streams).
 * @param {any} doc
 * @param {string | undefined} status
 * @param {Record<string, any>} content
 * @param {string} name
 * @param {string | undefined} preferred
 * @param {boolean} stream
 */
function expectedAnswer(doc, status, content, name, preferred, stream) {
  if (!status) return null;
  const order = stream ? ["text/event-stream"] : Object.keys(content).filter((m) => m !== "text/event-stream");
  for (const media of order) {
    const examples = content[media]?.examples ?? {};
    if (preferred !== undefined && examples[preferred]) return { status, media, value: deref(doc, examples[preferred]).value, name: preferred };
  }
  for (const media of order) {
    const examples = content[media]?.examples ?? {};
    const first = Object.keys(examples)[0];
    if (first !== undefined) return { status, media, value: deref(doc, examples[first]).value, name: first };
  }
  void name;
  return null;
}

/**
 * @param {any} doc
 * @param {Record<string, any>} content
 * @param {string} name
 */
function firstExample(doc, content, name) {
  for (const media of Object.values(content)) if (media.examples?.[name]) return deref(doc, media.examples[name]);
  return undefined;
}

/** @param {any} example */
function describeSource(example) {
  const page = example?.["x-doc-page"];
  if (page) return `${page.site}: ${page.title}`;
  if (example?.["x-source"] === "written") return "written by the team";
  return "";
}
