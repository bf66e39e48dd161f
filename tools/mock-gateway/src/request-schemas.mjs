// @ts-check
// The schemas a request is validated against, per operation: the ones openapi-backend 5.20 built (the mock
// validated requests with it until it validated them itself), so the mock accepts and refuses the same
// requests with the same errors, but referring into the spec with `$ref` where openapi-backend copied it.
import { deref, escapePointer, locate, resolvePointer } from "@allmhub/spec-model";

/** The request media types whose schema validates a body, the first one an operation has. */
export const BODY_MEDIA_TYPES = ["application/json", "multipart/form-data", "application/x-www-form-urlencoded"];

/**
 * Where an operation is in the document.
 * @param {string} path the path template
 * @param {string} method lower case
 */
export const operationPointer = (path, method) => `#/paths/${escapePointer(path)}/${method}`;

/**
 * The pointer of the schema that validates an operation's request body (of its first media type in
 * BODY_MEDIA_TYPES), and the request body; undefined when there is none.
 * @param {any} doc
 * @param {string} path
 * @param {string} method
 * @returns {{ pointer: string, requestBody: any } | undefined}
 */
export function bodySchemaPointer(doc, path, method) {
  const { node: requestBody, pointer } = locate(doc, `${operationPointer(path, method)}/requestBody`);
  if (!requestBody || typeof requestBody !== "object") return undefined;
  const media = BODY_MEDIA_TYPES.find((m) => requestBody.content?.[m]);
  if (!media || !requestBody.content[media].schema) return undefined;
  return { pointer: `${pointer}/content/${escapePointer(media)}/schema`, requestBody };
}

/**
 * The schema of `{ requestBody }` for an operation, or undefined when its body is not validated. The
 * body is required when the spec says so, unless its schema is a file (`type: string, format: binary`).
 * @param {any} doc
 * @param {string} path
 * @param {string} method
 * @param {(pointer: string) => string} ref the `$ref` naming a schema of the document
 * @returns {object | undefined}
 */
export function bodySchemaOf(doc, path, method, ref) {
  const body = bodySchemaPointer(doc, path, method);
  if (!body) return undefined;
  const schema = deref(doc, resolvePointer(doc, body.pointer));
  const file = schema?.type === "string" && schema?.format === "binary";
  return {
    title: "Request",
    type: "object",
    additionalProperties: true,
    properties: { requestBody: { $ref: ref(body.pointer) } },
    required: body.requestBody.required === true && !file ? ["requestBody"] : [],
  };
}

/**
 * An operation's parameters with their pointers, the operation's first and then the path item's (the order
 * in which openapi-backend lists them: on the same name, the path item's schema wins).
 * @param {any} doc
 * @param {string} path
 * @param {string} method
 * @returns {Array<{ parameter: any, pointer: string }>}
 */
export function parametersAt(doc, path, method) {
  const op = operationPointer(path, method);
  const item = `#/paths/${escapePointer(path)}`;
  /** @param {string} owner */
  const listed = (owner) =>
    (resolvePointer(doc, `${owner}/parameters`) ?? []).map((/** @type {unknown} */ _, /** @type {number} */ i) => {
      const { node, pointer } = locate(doc, `${owner}/parameters/${i}`);
      return { parameter: node, pointer };
    });
  return [...listed(op), ...listed(item)];
}

/**
 * The schema of `{ path, query, header, cookie }` for an operation: its parameters by location (header names
 * in lower case), unknown path and query parameters refused.
 * @param {any} doc
 * @param {string} path
 * @param {string} method
 * @param {(pointer: string) => string} ref the `$ref` naming a schema of the document
 * @returns {object}
 */
export function parametersSchemaOf(doc, path, method, ref) {
  // In openapi-backend's key order (Ajv reports errors in the order of `properties`).
  /** @type {Record<string, { type: "object", additionalProperties: unknown, properties: Record<string, unknown>, required: string[] }>} */
  const byLocation = {
    path: { type: "object", additionalProperties: false, properties: {}, required: [] },
    query: { type: "object", properties: {}, additionalProperties: false, required: [] },
    header: { type: "object", additionalProperties: true, properties: {}, required: [] },
    cookie: { type: "object", additionalProperties: true, properties: {}, required: [] },
  };
  /** @type {string[]} */
  let required = [];
  for (const { parameter, pointer } of parametersAt(doc, path, method)) {
    const target = Object.hasOwn(byLocation, parameter.in) ? byLocation[parameter.in] : undefined;
    if (!target) throw new Error(`parameter ${parameter.name} of ${method} ${path} is in "${parameter.in}"`);
    const name = parameter.in === "header" ? String(parameter.name).toLowerCase() : parameter.name;
    if (parameter.required) {
      target.required = [...new Set([...target.required, name])];
      required = [...new Set([...required, parameter.in])];
    }
    const schema = locate(doc, `${pointer}/schema`);
    if (schema.node && schema.node.additionalProperties !== undefined) {
      const extra = deref(doc, schema.node.additionalProperties);
      target.additionalProperties =
        extra && typeof extra === "object" ? { $ref: ref(`${schema.pointer}/additionalProperties`) } : extra;
    }
    if (parameter.content?.["application/json"]) {
      const json = `${pointer}/content/application~1json/schema`;
      target.properties[name] = resolvePointer(doc, json) === undefined ? undefined : { $ref: ref(json) };
    } else {
      target.properties[name] = parameter.schema === undefined ? undefined : { $ref: ref(`${pointer}/schema`) };
    }
  }
  return { title: "Request", type: "object", additionalProperties: true, properties: byLocation, required };
}

/**
 * The names of an operation's query parameters whose schema is an array (for each name, its first
 * parameter decides): a single value of one is validated as a one-item array.
 * @param {any} doc
 * @param {string} path
 * @param {string} method
 * @returns {Set<string>}
 */
export function arrayQueryParameters(doc, path, method) {
  /** @type {Map<string, boolean>} */
  const first = new Map();
  for (const { parameter } of parametersAt(doc, path, method)) {
    if (parameter.in !== "query" || first.has(parameter.name)) continue;
    first.set(parameter.name, deref(doc, parameter.schema)?.type === "array");
  }
  return new Set([...first].filter(([, array]) => array).map(([name]) => name));
}
