// @ts-check
// A scenario is one documented example replayed through a client: the request parts (body, path, query
// and header parameters) that share an example name, and the documented answer of the same name.

import { deref, exampleSource, operationsOf } from "@allmhub/spec-model";

/**
 * @typedef {{
 *   operationId: string, package: string, method: string, path: string, name: string,
 *   cost: "free" | "paid",
 *   mutates: boolean,
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
 * Every scenario of a bundled spec, in document order.
 * @param {any} doc
 * @returns {Scenario[]}
 */
export function collectScenarios(doc) {
  /** @type {Scenario[]} */
  const out = [];
  for (const { operationId, method, path, op, parameters, requestBody, success } of operationsOf(doc)) {
    /** @type {Map<string, Record<string, Record<string, unknown>>>} */
    const params = new Map();
    for (const p of parameters) {
      for (const [name, ex] of Object.entries(p.examples ?? {})) {
        const set = params.get(name) ?? {};
        set[p.in] = { ...(set[p.in] ?? {}), [p.name]: deref(doc, ex).value };
        params.set(name, set);
      }
    }
    /** @type {Map<string, { media: string, example: any, exampleName: string }>} examples of every body media type, JSON first */
    const bodies = new Map();
    const mediaTypes = Object.keys(requestBody?.content ?? {}).sort((a, b) =>
      a === "application/json" ? -1 : b === "application/json" ? 1 : 0,
    );
    for (const media of mediaTypes) {
      for (const [exampleName, example] of Object.entries(requestBody.content[media].examples ?? {})) {
        const name = bodies.has(exampleName) ? `${exampleName} (form)` : exampleName;
        bodies.set(name, { media, example: deref(doc, example), exampleName });
      }
    }
    const content = success.content;
    const responseNames = Object.values(content).flatMap((m) => Object.keys(/** @type {any} */ (m).examples ?? {}));
    const names = new Set([...bodies.keys(), ...params.keys()]);
    if (names.size === 0) for (const n of responseNames) names.add(n);
    if (names.size === 0) names.add("(no example)");
    const flag = op["x-stream-flag"];
    const sse = content["text/event-stream"];
    for (const name of names) {
      const entry = bodies.get(name);
      const bodyEx = entry?.example;
      const body = bodyEx?.value;
      const baseName = entry?.exampleName ?? name;
      const sseExample = sse?.examples?.[baseName] ? baseName : undefined;
      const wantsStream = Boolean(
        flag && body && typeof body === "object" && /** @type {any} */ (body)[flag] === (op["x-stream-value"] ?? true),
      );
      const stream = Boolean(
        (wantsStream && sse && Object.keys(sse.examples ?? {}).length > 0) ||
          (!Object.keys(content).some((m) => m !== "text/event-stream") && sse),
      );
      out.push({
        operationId,
        package: op["x-package"],
        method,
        path,
        name,
        cost: op["x-cost"] === "free" ? "free" : "paid",
        mutates: op["x-mutates"] === true,
        envelope: op["x-envelope"] ?? null,
        params: params.get(baseName),
        body,
        bodyMedia: entry?.media ?? mediaTypes[0] ?? null,
        extraFields: Array.isArray(bodyEx?.["x-extra-fields"]) ? bodyEx["x-extra-fields"] : null,
        stream,
        expected: expectedAnswer(
          doc,
          success.status,
          content,
          stream && sseExample === undefined ? undefined : baseName,
          stream,
        ),
        source: exampleSource(bodyEx ?? firstExample(doc, content, name)),
      });
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
 * @param {string | undefined} preferred
 * @param {boolean} stream
 * @returns {Scenario["expected"]}
 */
function expectedAnswer(doc, status, content, preferred, stream) {
  if (!status) return null;
  const order = stream ? ["text/event-stream"] : Object.keys(content).filter((m) => m !== "text/event-stream");
  for (const media of order) {
    const examples = content[media]?.examples ?? {};
    if (preferred !== undefined && examples[preferred])
      return { status, media, value: deref(doc, examples[preferred]).value, name: preferred };
  }
  for (const media of order) {
    const examples = content[media]?.examples ?? {};
    const first = Object.keys(examples)[0];
    if (first !== undefined) return { status, media, value: deref(doc, examples[first]).value, name: first };
  }
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

/**
 * A scenario's name in test reports and `--only`: `operationId › example`.
 * @param {Pick<Scenario, "operationId" | "name">} s
 */
export const scenarioTitle = (s) => `${s.operationId} › ${s.name}`;
