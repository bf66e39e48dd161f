// @ts-check
// Request validation against the spec, the way openapi-backend 5.20 validated requests (same schemas, same
// errors, same order), with validators compiled once per process in spec-model's Ajv of the document, on an
// operation's first request: a component many operations share is compiled once.
import { locate, specSchemas } from "@allmhub/spec-model";
import { filesOptional, reaches } from "./files-optional.mjs";
import {
  arrayQueryParameters,
  bodySchemaOf,
  bodySchemaPointer,
  operationPointer,
  parametersAt,
  parametersSchemaOf,
} from "./request-schemas.mjs";

/**
 * @typedef {{ path: string, method: string, operationId?: string }} RoutedOperation
 *   the operation a request calls (a route of router.mjs): its path template, lower-case method and id
 * @typedef {Pick<import("./parse-request.mjs").ParsedRequest, "params" | "query" | "headers" | "cookies" | "requestBody">} ParsedRequest
 * @typedef {{ keyword: string, instancePath: string, schemaPath: string, params: any, message?: string }} RequestError
 */

/**
 * A validator of requests against a bundled document.
 * @param {any} doc the bundled spec (not changed while it is in use)
 * @param {(req: any, operation: any) => ParsedRequest} parse reads a request for its operation (parse-request.mjs,
 *   given the route): called on each validation, so that validating changes nothing the caller holds
 * @returns {{ validate(req: { body?: unknown }, operation: RoutedOperation): RequestError[] | null }}
 */
export function createRequestValidator(doc, parse) {
  const files = filesOptional(doc);
  /** The document whose schemas validate a request part at these pointers: the copy where files are optional, if it matters. */
  const sourceOf = (/** @type {string[]} */ pointers) =>
    pointers.some((p) => reaches(doc, p, files.changed)) ? files.doc : doc;
  /** @type {Map<string, OperationValidators>} */
  const byOperation = new Map();
  /** @param {string} path @param {string} method */
  const validatorsOf = (path, method) => {
    const key = `${method} ${path}`;
    let found = byOperation.get(key);
    if (!found) byOperation.set(key, (found = operationValidators(doc, path, method, sourceOf)));
    return found;
  };
  return {
    validate(req, operation) {
      if (!operation?.operationId) throw new Error("Unknown operation");
      const { validators, arrays, media } = validatorsOf(operation.path, operation.method);
      const { params, query, headers, cookies, requestBody } = parse(req, operation);
      /** @type {RequestError[]} */
      const errors = [];
      if (query)
        for (const [name, value] of Object.entries(query))
          if (typeof value === "string" && arrays.has(name)) query[name] = [value];
      /** @type {Record<string, unknown>} */
      const data = Object.fromEntries(
        Object.entries({ path: params, query, header: headers, cookie: cookies }).filter(([, v]) => v != null),
      );
      // A body that is not JSON, where JSON is the only media type the operation takes.
      if (
        typeof req.body !== "object" &&
        req.body !== undefined &&
        media.length === 1 &&
        media[0] === "application/json"
      ) {
        try {
          JSON.parse(`${req.body}`);
        } catch (err) {
          if (err instanceof Error)
            errors.push({
              keyword: "parse",
              instancePath: "",
              schemaPath: "#/requestBody",
              params: [],
              message: err.message,
            });
        }
      }
      if (typeof requestBody === "object" || headers["content-type"] === "application/json")
        data.requestBody = requestBody;
      for (const validate of validators) {
        validate(data);
        if (validate.errors) errors.push(.../** @type {RequestError[]} */ (validate.errors));
      }
      return errors.length ? errors : null;
    },
  };
}

/**
 * @typedef {{
 *   validators: import("@allmhub/spec-model").SchemaValidator[],
 *   arrays: Set<string>,
 *   media: string[],
 * }} OperationValidators
 *   What validates an operation's requests: the validator of `{ requestBody }` (when the body is validated)
 *   and the one of the parameters, in this order; the query parameters that are arrays; the request media types
 */

/**
 * @param {any} doc
 * @param {string} path
 * @param {string} method
 * @param {(pointers: string[]) => any} sourceOf
 * @returns {OperationValidators}
 */
function operationValidators(doc, path, method, sourceOf) {
  const body = bodyValidator(doc, path, method, sourceOf);
  const parameters = parametersValidator(doc, path, method, sourceOf);
  return {
    validators: body ? [body, parameters] : [parameters],
    arrays: arrayQueryParameters(doc, path, method),
    media: Object.keys(locate(doc, `${operationPointer(path, method)}/requestBody`).node?.content ?? {}),
  };
}

/**
 * The compiled validator of `{ requestBody }` for an operation, or undefined when its body is not validated.
 * @param {any} doc
 * @param {string} path
 * @param {string} method
 * @param {(pointers: string[]) => any} sourceOf
 */
function bodyValidator(doc, path, method, sourceOf) {
  const body = bodySchemaPointer(doc, path, method);
  if (!body) return undefined;
  const source = sourceOf([body.pointer]);
  const { ref, compile } = specSchemas(source);
  return compile(`request body ${method} ${path}`, () => bodySchemaOf(source, path, method, ref) ?? {});
}

/**
 * The compiled validator of `{ path, query, header, cookie }` for an operation; it coerces the parameters it
 * validates to their types (`"2"` to 2), in place.
 * @param {any} doc
 * @param {string} path
 * @param {string} method
 * @param {(pointers: string[]) => any} sourceOf
 */
function parametersValidator(doc, path, method, sourceOf) {
  const source = sourceOf(parametersAt(doc, path, method).map((p) => p.pointer));
  const { ref, compile } = specSchemas(source, { coerceTypes: true });
  return compile(`request parameters ${method} ${path}`, () => parametersSchemaOf(source, path, method, ref));
}
