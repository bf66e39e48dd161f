// @ts-check
// What the generator needs to know about each operation of a package bundle.
import { operationsOf, pathParameterNames, schemaNameOf } from "@allmhub/spec-model";

/** Security scheme names of the spec, and the authentication the SDK sends for each. */
export const AUTH_BY_SCHEME = /** @type {const} */ ({
  bearerAuth: "bearer",
  anthropicApiKey: "anthropic",
  googleApiKey: "google",
  googleApiKeyQuery: "googleQuery",
  accessToken: "accessToken",
});

/** Names the call options take (core's RequestOptions): a query parameter of an optional query object may not use one. */
export const OPTION_NAMES = ["signal", "timeout", "maxRetries", "retryNonIdempotent", "headers", "query", "extraBody"];

/**
 * @typedef {{ name: string, ident: string }} PathParam
 * @typedef {{ name: string, required: boolean, sdkDefault: string | undefined }} NamedParam
 * @typedef {{ status: string, json: boolean, text: boolean, binary: string | null, stream: boolean }} Success
 * @typedef {{ call: string | null, stream: string | null }} Methods the SDK's methods of an operation: the plain
 *   call (none when it only streams) and the streamed one (`…Stream`, or the operation's own name when it only streams)
 * @typedef {{
 *   operationId: string, method: string, path: string, summary: string, description: string,
 *   docPages: Array<{ site: string, title: string, url?: string }>,
 *   gateways: { "new-api"?: boolean, sites?: string[], note?: string } | null,
 *   pathParams: PathParam[],
 *   query: NamedParam[],
 *   headers: NamedParam[],
 *   body: null | { media: string, required: boolean, alsoMultipart: boolean },
 *   input: "body" | "query" | null,
 *   inputOptional: boolean,
 *   success: Success,
 *   streamFlag: string | null,
 *   streamValue: string | null,
 *   streamEventSchema: string | null,
 *   methods: Methods,
 *   streamEnd: string[],
 *   auth: string[],
 *   envelope: string | null,
 *   slashParams: string[],
 *   task: any,
 * }} OperationInfo
 */

/**
 * The component schema of one event of a `text/event-stream` answer: the spec writes the stream as
 * `{ type: string, contentMediaType: text/event-stream, contentSchema: { $ref: <event schema> } }`.
 * @param {any} media
 * @returns {string | null}
 */
export function streamEventSchemaName(media) {
  return schemaNameOf(media?.schema?.contentSchema?.$ref);
}

/**
 * The SDK's authentication choices for an operation's security requirements, preferred first. An empty
 * requirement (`{}`: credentials optional) is `none`, and so is an operation that lists no requirement at all
 * (`security: []`, a public route); an operation without `security` takes the document's.
 * @param {Array<Record<string, string[]>>} requirements
 * @param {boolean} [own] whether the requirements are the operation's own (an empty own list means public)
 * @returns {string[]}
 */
export function authSchemes(requirements, own = false) {
  if (own && requirements.length === 0) return ["none"];
  /** @type {string[]} */
  const out = [];
  for (const requirement of requirements) {
    const names = Object.keys(requirement);
    const scheme =
      names.length === 0
        ? "none"
        : names.includes("accessToken")
          ? "accessToken"
          : names.map((n) => /** @type {Record<string, string>} */ (AUTH_BY_SCHEME)[n]).find(Boolean);
    if (!scheme) throw new Error(`unknown security requirement ${JSON.stringify(requirement)}: extend AUTH_BY_SCHEME`);
    if (!out.includes(scheme)) out.push(scheme);
  }
  return out.length ? out : ["bearer"];
}

/**
 * The argument name of a path parameter: camelCase (`task_id` gives `taskId`), and never one of the
 * method's other argument names.
 * @param {string} name
 * @returns {string}
 */
export function argumentName(name) {
  const ident = name
    .replace(/[^A-Za-z0-9]+(\w)?/g, (_, c) => (c ? c.toUpperCase() : ""))
    .replace(/^[^A-Za-z_$]/, "_$&");
  return ["body", "query", "options"].includes(ident) ? `${ident}Param` : ident;
}

/**
 * The names of an operation's methods: `operationId` for its plain answer (JSON, text or bytes), and for an answer
 * that can stream `operationIdStream`, or `operationId` itself when the operation only streams.
 * @param {string} operationId
 * @param {Success} success
 * @returns {Methods}
 */
export function methodNames(operationId, success) {
  const plain = success.json || success.text || success.binary !== null;
  return {
    call: plain ? operationId : null,
    stream: success.stream ? (plain ? `${operationId}Stream` : operationId) : null,
  };
}

/**
 * @param {any} p a resolved parameter
 * @returns {NamedParam}
 */
const named = (p) => ({
  name: p.name,
  required: p.required === true,
  sdkDefault: p["x-sdk-default"] === undefined ? undefined : String(p["x-sdk-default"]),
});

/**
 * What the generator needs to know about each operation of a bundle, sorted by operationId.
 * @param {any} bundle
 * @returns {OperationInfo[]}
 */
export function describeOperations(bundle) {
  return operationsOf(bundle)
    .map(({ operationId, method, path, op, parameters, requestBody, success }) => {
      const media = requestBody?.content ? Object.keys(requestBody.content) : [];
      const alsoMultipart = media.includes("application/json") && media.includes("multipart/form-data");
      const bodyMedia =
        media.find((m) => m === "application/json") ?? media.find((m) => m === "multipart/form-data") ?? media[0];
      const kinds = Object.keys(success.content);
      const body = bodyMedia ? { media: bodyMedia, required: requestBody.required === true, alsoMultipart } : null;
      const query = parameters.filter((p) => p.in === "query").map(named);
      const headers = parameters.filter((p) => p.in === "header").map(named);
      const declaredPath = parameters.filter((p) => p.in === "path").map((p) => p.name);
      const pathParams = pathParameterNames(path).map((name) => ({ name, ident: argumentName(name) }));
      const missing = pathParams.map((p) => p.name).filter((n) => !declaredPath.includes(n));
      if (missing.length)
        throw new Error(`${operationId}: the path names {${missing.join("}, {")}} but declares no such path parameter`);
      for (const h of headers)
        if (h.required && h.sdkDefault === undefined)
          throw new Error(
            `${operationId}: the required header ${h.name} needs x-sdk-default (the SDK sends it unless the call sets it)`,
          );
      const input = /** @type {"body" | "query" | null} */ (body ? "body" : query.length ? "query" : null);
      const inputOptional =
        input === "body"
          ? !body?.required
          : input === "query"
            ? !query.some((q) => q.required && q.sdkDefault === undefined)
            : false;
      if (input === "query" && inputOptional) {
        const clash = query.find((q) => OPTION_NAMES.includes(q.name));
        if (clash) throw new Error(`${operationId}: the query parameter ${clash.name} has the name of a call option`);
      }
      /** @type {Success} */
      const answer = {
        status: success.status ?? "200",
        json: kinds.includes("application/json"),
        text: kinds.some((k) => k.startsWith("text/") && k !== "text/event-stream"),
        binary: kinds.find((k) => /^(audio|video|image)\/|octet-stream/.test(k)) ?? null,
        stream: kinds.includes("text/event-stream"),
      };
      return {
        operationId,
        method,
        path,
        summary: op.summary ?? "",
        description: op.description ?? "",
        docPages: op["x-doc-pages"] ?? [],
        gateways: op["x-gateways"] ?? null,
        pathParams,
        query,
        headers,
        body,
        input,
        inputOptional,
        success: answer,
        streamFlag: op["x-stream-flag"] ?? null,
        streamValue: op["x-stream-value"] ?? null,
        streamEventSchema: streamEventSchemaName(success.content["text/event-stream"]),
        methods: methodNames(operationId, answer),
        // What ends the stream (`x-stream-end` of its answer): `[DONE]` or the type of a final event.
        streamEnd: [].concat(success.content["text/event-stream"]?.["x-stream-end"] ?? []).map(String),
        auth: authSchemes(op.security ?? bundle.security ?? [], Array.isArray(op.security)),
        envelope: op["x-envelope"] ?? null,
        slashParams: parameters.filter((p) => p.in === "path" && p["x-allow-slashes"] === true).map((p) => p.name),
        task: op["x-task"] ?? null,
      };
    })
    .sort((a, b) => a.operationId.localeCompare(b.operationId));
}
