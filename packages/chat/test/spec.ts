// Test helpers over the bundled spec (spec/dist/openapi.json): its examples, an Ajv 2020 check of requests
// and answers, and which security schemes of an operation a request satisfies.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createSpecValidator, deref as derefIn, escapePointer, operationsOf, type OperationView } from "@allmhub/spec-model";

type Json = Record<string, any>;

const require = createRequire(import.meta.url);
/** The bundled spec. */
export const spec: Json = JSON.parse(readFileSync(require.resolve("@allmhub/spec/dist/openapi.json"), "utf8"));

const validator = createSpecValidator(spec);

/** Follows `$ref`s inside the bundled spec. */
export function deref<T = Json>(node: any): T {
  return derefIn(spec, node) as T;
}

/** Ajv problems of a value against the schema at a JSON pointer of the spec (`#/paths/...`); empty when valid. */
export function problemsAt(pointer: string, value: unknown): string[] {
  return validator
    .errors(pointer, value)
    .map(
      (e) =>
        `${e.instancePath || "/"} ${e.message}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`,
    );
}

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  op: Json;
}

/** Every operation of the spec. */
export const operations: SpecOperation[] = operationsOf(spec).map(({ operationId, method, path, op }: OperationView) => ({ operationId, method, path, op }));

/** The operation with that id. */
export function operation(operationId: string): SpecOperation {
  const found = operations.find((o) => o.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId} in the spec`);
  return found;
}

/** The value of a named example of `components.examples` (`<operationId>.<name>.<request|response|events>`). */
export function example<T = unknown>(key: string): T {
  const found = (spec.components?.examples as Json | undefined)?.[key];
  if (!found) throw new Error(`no example ${key} in the spec`);
  return found.value as T;
}

/** The names of the events examples of an operation (`<operationId>.<name>.events`). */
export function eventsExamples(operationId: string): string[] {
  return Object.keys(spec.components?.examples ?? {})
    .filter((k) => k.startsWith(`${operationId}.`) && k.endsWith(".events"))
    .map((k) => k.slice(operationId.length + 1, -".events".length));
}

/** The server-sent events of an events example, one string per event (blank-line separated), each ending with a blank line. */
export function eventsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((e) => e.trim())
    .filter(Boolean)
    .map((e) => `${e}\n\n`);
}

/** Where a request landed in the spec: the operation and its path parameters, or undefined. */
export function route(
  method: string,
  pathname: string,
): { operation: SpecOperation; pathParams: Record<string, string> } | undefined {
  for (const candidate of operations) {
    if (candidate.method !== method.toLowerCase()) continue;
    const names: string[] = [];
    const pattern = candidate.path
      .split(/(\{[^}]+\})/g)
      .map((part) => {
        const m = /^\{(.+)\}$/.exec(part);
        if (!m) return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
        names.push(m[1] as string);
        return "([^/:]+)";
      })
      .join("");
    const match = new RegExp(`^${pattern}$`).exec(pathname);
    if (match)
      return {
        operation: candidate,
        pathParams: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1] as string)])),
      };
  }
  return undefined;
}

/** One HTTP request as a server saw it. */
export interface CapturedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body text. */
  body: string;
}

/** What the spec says about a captured request. */
export interface RequestCheck {
  operationId: string | undefined;
  /** Problems with the route, parameters and JSON body; empty when the spec allows the request. */
  problems: string[];
  /** The security schemes of the operation that the request satisfies (by its headers and query). */
  schemes: string[];
  /** Whether one of the operation's security requirements is met. */
  authorized: boolean;
}

/** Checks a request against the spec: route, path/query/header parameters, JSON body (Ajv 2020) and security. */
export function checkRequest(request: CapturedRequest): RequestCheck {
  const url = new URL(request.url, "http://127.0.0.1");
  const found = route(request.method, url.pathname);
  const schemes = satisfiedSchemes(request, url);
  if (!found)
    return {
      operationId: undefined,
      problems: [`${request.method} ${url.pathname} is not a route of the spec`],
      schemes,
      authorized: false,
    };
  const { operation: op, pathParams } = found;
  const problems: string[] = [];
  const base = `#/paths/${escapePointer(op.path)}/${op.method}`;
  const securityQuery = new Set(
    Object.values((spec.components?.securitySchemes ?? {}) as Json)
      .filter((s: Json) => s.type === "apiKey" && s.in === "query")
      .map((s: Json) => s.name as string),
  );
  const params = ((op.op.parameters ?? []) as unknown[]).map((p) => deref(p));
  params.forEach((param, i) => {
    const where = param.in as string;
    const raw =
      where === "path"
        ? pathParams[param.name]
        : where === "query"
          ? (url.searchParams.get(param.name) ?? undefined)
          : where === "header"
            ? header(request, param.name)
            : undefined;
    if (raw === undefined) {
      if (param.required) problems.push(`${where} parameter ${param.name} is missing`);
      return;
    }
    const value = coerce(raw, deref(param.schema));
    const declared = (op.op.parameters as Json[])[i] as Json;
    const pointer = typeof declared.$ref === "string" ? `${declared.$ref}/schema` : `${base}/parameters/${i}/schema`;
    problems.push(...problemsAt(pointer, value).map((p) => `${where} parameter ${param.name}: ${p}`));
  });
  for (const name of url.searchParams.keys()) {
    if (!securityQuery.has(name) && !params.some((p) => p.in === "query" && p.name === name))
      problems.push(`query parameter ${name} is not in the spec`);
  }
  const content = deref(op.op.requestBody)?.content as Json | undefined;
  const type = String(header(request, "content-type") ?? "")
    .split(";")[0]
    ?.trim();
  if (content) {
    if (!type || !content[type])
      problems.push(`content type ${type ?? "(none)"} is not one of ${Object.keys(content).join(", ")}`);
    else if (type === "application/json") {
      let body: unknown;
      try {
        body = JSON.parse(request.body);
      } catch {
        problems.push("the body is not JSON");
      }
      const declared = op.op.requestBody as Json;
      const at = typeof declared.$ref === "string" ? declared.$ref : `${base}/requestBody`;
      if (body !== undefined)
        problems.push(...problemsAt(`${at}/content/${escapePointer(type)}/schema`, body).map((p) => `body ${p}`));
    }
  } else if (request.body.trim()) problems.push("the operation takes no body, but one was sent");
  const requirements = (op.op.security ?? spec.security ?? []) as Array<Record<string, unknown>>;
  const authorized =
    requirements.length === 0 || requirements.some((req) => Object.keys(req).every((name) => schemes.includes(name)));
  const listed = new Set(requirements.flatMap((req) => Object.keys(req)));
  return { operationId: op.operationId, problems, schemes: schemes.filter((name) => listed.has(name)), authorized };
}

/** The security schemes of the spec a request satisfies, read from their definitions. */
export function satisfiedSchemes(request: CapturedRequest, url = new URL(request.url, "http://127.0.0.1")): string[] {
  return Object.entries((spec.components?.securitySchemes ?? {}) as Json)
    .filter(([, s]: [string, Json]) => {
      if (s.type === "http" && s.scheme === "bearer")
        return /^Bearer\s+\S+$/i.test(String(header(request, "authorization") ?? ""));
      if (s.type === "apiKey" && s.in === "header") return Boolean(header(request, s.name));
      if (s.type === "apiKey" && s.in === "query") return url.searchParams.has(s.name);
      return false;
    })
    .map(([name]) => name);
}

function header(request: CapturedRequest, name: string): string | undefined {
  const v = request.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(", ") : v;
}

/** Query and header values are text: numbers and booleans become what their schema says. */
function coerce(raw: string, schema: Json | undefined): unknown {
  const types = ([] as string[]).concat(schema?.type ?? []);
  if (
    (types.includes("integer") || types.includes("number")) &&
    !types.includes("string") &&
    raw.trim() !== "" &&
    Number.isFinite(Number(raw))
  )
    return Number(raw);
  if (types.includes("boolean") && !types.includes("string") && (raw === "true" || raw === "false"))
    return raw === "true";
  return raw;
}

/** The JSON schema pointer of an operation's answer (`#/paths/.../responses/200/content/<media>/schema`). */
export function answerPointer(operationId: string, media = "application/json", status = "200"): string {
  const op = operation(operationId);
  return `#/paths/${escapePointer(op.path)}/${op.method}/responses/${status}/content/${escapePointer(media)}/schema`;
}
