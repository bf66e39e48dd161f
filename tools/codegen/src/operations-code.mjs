// @ts-check
// The typed operations of a package: type aliases, the operation table, the interface of typed methods
// (one call shape: path parameters, then the body or query object, then the call options), its binding,
// and a catalog for tools.
import { describeOperations } from "./describe.mjs";
import { docComment, documentationLines, gatewayLines } from "./docs.mjs";
import { GENERATED_HEADER } from "./header.mjs";
import { generateWaits } from "./waits-code.mjs";

/** @typedef {import("./describe.mjs").OperationInfo} OperationInfo */

/** @param {string} s */
export const pascal = (s) => s.charAt(0).toUpperCase() + s.slice(1);
/** A kebab-case word in camel case: `task-code` → `taskCode`. @param {string} s */
const camel = (s) => s.replace(/-(\w)/g, (_, c) => c.toUpperCase());
/** The fields of an object literal, each value as JSON: `auth: ["none"], envelope: "account"`. @param {Record<string, unknown>} fields */
const literalFields = (fields) =>
  Object.entries(fields)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(", ");
/** @param {string} s */
const safeIdent = (s) => s.replace(/[^A-Za-z0-9_$]/g, "_");
const quoted = (/** @type {string[]} */ names) => names.map((n) => JSON.stringify(n)).join(" | ");

/**
 * A parameter object type in which the parameters the SDK fills in (`x-sdk-default`) are optional.
 * @param {string} type
 * @param {import("./describe.mjs").NamedParam[]} params
 */
function withDefaultsOptional(type, params) {
  const defaulted = params.filter((p) => p.required && p.sdkDefault !== undefined).map((p) => p.name);
  return defaulted.length ? `Omit<${type}, ${quoted(defaulted)}> & Partial<Pick<${type}, ${quoted(defaulted)}>>` : type;
}

/**
 * The type aliases of one operation (path, query, headers, options, body, result, stream event) and the
 * names its method signature uses.
 * @param {OperationInfo} op
 */
function operationTypes(op) {
  const T = pascal(op.operationId);
  const ref = `operations[${JSON.stringify(op.operationId)}]`;
  /** @type {string[]} */
  const lines = [];
  const alias = (/** @type {string} */ doc, /** @type {string} */ name, /** @type {string} */ type) =>
    lines.push(`/** ${doc} */`, `export type ${name} = ${type};`);
  if (op.pathParams.length)
    alias(
      `Path parameters of \`${op.operationId}\`, in path order as its first arguments.`,
      `${T}Path`,
      `${ref}["parameters"]["path"]`,
    );
  if (op.query.length) {
    alias(
      op.input === "query"
        ? `Query parameters of \`${op.operationId}\`, its argument after the path parameters.`
        : `Query parameters of \`${op.operationId}\`, set in the call options' \`query\`.`,
      `${T}Query`,
      withDefaultsOptional(`NonNullable<${ref}["parameters"]["query"]>`, op.query),
    );
  }
  if (op.headers.length)
    alias(
      `Header parameters of \`${op.operationId}\`, set in the call options' \`headers\`.`,
      `${T}Headers`,
      withDefaultsOptional(`NonNullable<${ref}["parameters"]["header"]>`, op.headers),
    );
  const queryInOptions = op.query.length > 0 && op.input === "body";
  // A body operation with a required query parameter the SDK cannot fill in (Jimeng's `Action`) takes its
  // call options, with that `query`, as a required argument.
  const optionsRequired = queryInOptions && op.query.some((q) => q.required && q.sdkDefault === undefined);
  const optionsType = op.headers.length || queryInOptions ? `${T}Options` : "RequestOptions";
  if (optionsType !== "RequestOptions") {
    const base = `RequestOptions<${op.headers.length ? `${T}Headers` : "{}"}${queryInOptions ? `, ${T}Query` : ""}>`;
    alias(
      `Call options of \`${op.operationId}\`${optionsRequired ? ", with its required `query`" : ""}.`,
      optionsType,
      optionsRequired ? `${base} & { query: ${T}Query & QueryValues }` : base,
    );
  }
  if (op.body) {
    const content = `NonNullable<${ref}["requestBody"]>["content"]`;
    if (op.body.alsoMultipart)
      alias(
        `Request body of \`${op.operationId}\`: JSON, or a form with files (sent as multipart when it holds a Blob).`,
        `${T}Body`,
        `${content}["application/json"] | ${content}["multipart/form-data"]`,
      );
    else
      alias(
        `Request body of \`${op.operationId}\` (${op.body.media}).`,
        `${T}Body`,
        `${content}[${JSON.stringify(op.body.media)}]`,
      );
  }
  const answer = `${ref}["responses"][${op.success.status}]["content"]`;
  if (op.success.json && (op.envelope === "account" || op.envelope === "task-code")) {
    alias(
      `The \`${op.operationId}\` answer as the gateway sends it, in its envelope.`,
      `${T}Envelope`,
      `${answer}["application/json"]`,
    );
    alias(
      `The \`data\` of a successful \`${op.operationId}\` answer (a failed envelope throws EnvelopeError).`,
      `${T}Result`,
      `NonNullable<${T}Envelope extends { data?: infer D } ? D : never>`,
    );
  } else if (op.success.json) {
    alias(
      `Successful answer of \`${op.operationId}\`${op.success.text ? " (JSON, or text when the request asks for a text format)" : ""}.`,
      `${T}Result`,
      `${answer}["application/json"]${op.success.text ? " | string" : ""}`,
    );
  } else if (op.success.text) alias(`Successful answer of \`${op.operationId}\` (text).`, `${T}Result`, "string");
  else if (op.success.binary)
    alias(`Successful answer of \`${op.operationId}\` (${op.success.binary} bytes).`, `${T}Result`, "Blob");
  if (op.success.stream) {
    if (!op.streamEventSchema)
      throw new Error(
        `${op.operationId}: a text/event-stream answer needs schema.contentSchema.$ref to the event schema`,
      );
    alias(
      `One server-sent event of \`${op.operationId}\`.`,
      `${T}StreamEvent`,
      `components["schemas"][${JSON.stringify(op.streamEventSchema)}]`,
    );
  }
  const pathArgs = op.pathParams.map((p) => `${p.ident}: ${T}Path[${JSON.stringify(p.name)}]`);
  const inputArg =
    op.input === "body"
      ? `body${op.inputOptional ? "?" : ""}: ${T}Body`
      : op.input === "query"
        ? `query${op.inputOptional ? "?" : ""}: ${T}Query`
        : null;
  const optionsArg = `options${optionsRequired ? "" : "?"}: ${optionsType}`;
  /** The argument lists of the method: the whole one, and without the optional input (options right after the path). */
  const signatures = [[...pathArgs, ...(inputArg ? [inputArg] : []), optionsArg].join(", ")];
  if (op.input && op.inputOptional) signatures.push([...pathArgs, optionsArg].join(", "));
  return { lines, signatures, optionsType };
}

/**
 * The fields of an entry that several operations of a package may share: its authentication (unless the
 * default, bearer) and its envelope.
 * @param {OperationInfo} op
 * @returns {Record<string, unknown>}
 */
function sharedFields(op) {
  return {
    ...(op.auth.length === 1 && op.auth[0] === "bearer" ? {} : { auth: op.auth }),
    ...(op.envelope ? { envelope: op.envelope } : {}),
  };
}

/**
 * The name of a set of shared fields: `by` and the accepted authentications, `in` and the envelope
 * (`byAccessTokenInAccountEnvelope`, `inMidjourneyEnvelope`, `byBearerOrGoogleOrGoogleQuery`).
 * @param {Record<string, unknown>} fields
 */
function sharedName(fields) {
  const auth = /** @type {string[] | undefined} */ (fields.auth);
  const envelope = /** @type {string | undefined} */ (fields.envelope);
  return [
    auth ? `By${auth.map((a) => pascal(camel(a))).join("Or")}` : "",
    envelope ? `In${pascal(camel(envelope))}Envelope` : "",
  ]
    .join("")
    .replace(/^./, (c) => c.toLowerCase());
}

/**
 * The entry of one operation, as core's `bindOperations` reads it (an `OperationEntry`): the route, then its
 * settings: only what differs from the defaults, and the fields it shares with other operations by name.
 * @param {OperationInfo} op
 * @param {Map<string, string>} shared the names of the shared field sets, by their JSON
 */
function descriptor(op, shared) {
  const responseKind = op.success.json ? "json" : op.success.text ? "text" : op.success.binary ? "binary" : "json";
  /** @param {import("./describe.mjs").NamedParam[]} params */
  const defaults = (params) =>
    Object.fromEntries(params.filter((p) => p.sdkDefault !== undefined).map((p) => [p.name, p.sdkDefault]));
  const header = defaults(op.headers);
  const query = defaults(op.query);
  // What the method takes after the path parameters; a body is the default of POST, PUT and PATCH, nothing that of GET and DELETE.
  const input = op.input ? `${op.input}${op.inputOptional ? "?" : ""}` : "none";
  const defaultInput = /^p(ost|ut|atch)$/.test(op.method) ? "body" : "none";
  // The streaming method of an operation that also streams sets `stream` unless the spec names another flag.
  const streamFlag = op.success.stream && op.body ? op.streamFlag : null;
  const defaultFlag = op.success.stream && op.body && op.methods.call ? "stream" : null;
  const sharedJson = JSON.stringify(sharedFields(op));
  const sharedSet = shared.get(sharedJson);
  const fields = [
    input === defaultInput ? "" : `input: ${JSON.stringify(input)}`,
    op.body?.alsoMultipart
      ? `requestBody: "auto"`
      : op.body?.media === "multipart/form-data"
        ? `requestBody: "multipart"`
        : "",
    responseKind === "text" || responseKind === "binary" ? `response: ${JSON.stringify(responseKind)}` : "",
    sharedSet ? "" : literalFields(sharedFields(op)),
    op.slashParams.length ? `slashParams: ${JSON.stringify(op.slashParams)}` : "",
    op.success.stream ? `stream: ${JSON.stringify(op.methods.call ? "also" : "only")}` : "",
    streamFlag === defaultFlag ? "" : `streamFlag: ${JSON.stringify(streamFlag)}`,
    streamFlag && op.streamValue ? `streamValue: ${JSON.stringify(op.streamValue)}` : "",
    op.success.stream && op.streamEnd.length ? `streamEnd: ${JSON.stringify(op.streamEnd)}` : "",
    Object.keys(header).length || Object.keys(query).length
      ? `defaults: ${JSON.stringify({ ...(Object.keys(header).length ? { header } : {}), ...(Object.keys(query).length ? { query } : {}) })}`
      : "",
  ].filter(Boolean);
  // The settings: the shared set by name, then an object of the entry's own fields (bindOperations merges them;
  // a spread here would make bundlers keep the table as a possible side effect of the import).
  const settings = [...(sharedSet ? [sharedSet] : []), ...(fields.length ? [`{ ${fields.join(", ")} }`] : [])];
  const route = JSON.stringify(`${op.method.toUpperCase()} ${op.path}`);
  return `  ${op.operationId}: [${[route, ...settings].join(", ")}],`;
}

/**
 * The operation table of a package. The fields that several operations share (an authentication other
 * than bearer, an envelope) are written once, as named settings that their entries use. The table is typed
 * by its annotation (`OperationTable`, one entry per operationId), which is what the declaration file keeps
 * (`isolatedDeclarations`) and what makes `tsc` reject an entry that is missing, unknown or not an
 * OperationEntry; the shared sets are checked with `satisfies`.
 * @param {OperationInfo[]} ops
 * @param {string} pkg
 * @returns {string[]} the lines
 */
function descriptorsCode(ops, pkg) {
  /** @type {Map<string, number>} */
  const uses = new Map();
  for (const op of ops) {
    const json = JSON.stringify(sharedFields(op));
    if (json !== "{}") uses.set(json, (uses.get(json) ?? 0) + 1);
  }
  /** @type {Map<string, string>} */
  const shared = new Map();
  const sets = [];
  for (const [json, count] of uses) {
    if (count < 2) continue;
    const name = sharedName(JSON.parse(json));
    shared.set(json, name);
    sets.push(`const ${name} = { ${literalFields(JSON.parse(json))} } as const satisfies OperationSettings;`);
  }
  return [
    ...(sets.length ? ["// What several operations share, written once.", ...sets.sort(), ""] : []),
    `/** How each operation of @allmhub/${pkg} is sent. */`,
    `export const operationDescriptors: OperationTable<keyof operations> = {`,
    ...ops.map((op) => descriptor(op, shared)),
    `};`,
    "",
  ];
}

/**
 * The typed operations of a package: type aliases, descriptors, an interface with one method per
 * operation (plus a `…Stream` method for operations that can answer with server-sent events), the
 * binding to a gateway client, and a catalog for tools.
 * @param {any} bundle
 * @param {string} pkg
 * @returns {string}
 */
export function generateOperations(bundle, pkg) {
  const ops = describeOperations(bundle);
  const iface = `${pascal(pkg)}Operations`;
  const lines = [GENERATED_HEADER("typed operations")];
  // The codecs this package's operations need beyond JSON calls: the others stay out of its bundle.
  const streams = ops.some((op) => op.success.stream);
  const multipart = ops.some((op) => op.body && (op.body.alsoMultipart || op.body.media === "multipart/form-data"));
  // Envelope checks by kind, each named after its kind ("task-code" is checked by taskCodeEnvelope).
  const envelopeChecks = [...new Set(ops.map((op) => op.envelope).filter((e) => e !== null))].sort().map((kind) => ({
    key: /^\w+$/.test(kind) ? kind : JSON.stringify(kind),
    check: `${camel(kind)}Envelope`,
  }));
  // Methods whose body or query object may be left out tell it from the call options.
  const optionalInput = ops.some((op) => op.input && op.inputOptional);
  const codecs = [
    streams ? "stream: Stream" : "",
    envelopeChecks.length
      ? `envelope: { ${envelopeChecks.map(({ key, check }) => `${key}: ${check}`).join(", ")} }`
      : "",
    multipart ? "form: multipartBody" : "",
    optionalInput ? "options: isRequestOptions" : "",
  ].filter(Boolean);
  const waits = generateWaits(ops, iface);
  const table = descriptorsCode(ops, pkg);
  const descriptorTypes = table.some((line) => line.includes("satisfies OperationSettings"))
    ? "OperationSettings, OperationTable"
    : "OperationTable";
  const internalValues = [
    "bindOperations",
    ...(multipart ? ["multipartBody"] : []),
    ...envelopeChecks.map(({ check }) => check),
    ...(optionalInput ? ["isRequestOptions"] : []),
    ...waits.imports,
  ];
  if (streams) lines.push(`import { Stream } from "@allmhub/core";`);
  const needsQueryValues = ops.some(
    (op) => op.input === "body" && op.query.some((q) => q.required && q.sdkDefault === undefined),
  );
  lines.push(
    `import type { ${needsQueryValues ? "QueryValues, " : ""}RequestOptions${waits.code.length ? ", WaitForOptions" : ""} } from "@allmhub/core";`,
  );
  lines.push(`import { ${internalValues.join(", ")} } from "@allmhub/core/internal";`);
  lines.push(`import type { GatewayClient, OperationCodecs, ${descriptorTypes} } from "@allmhub/core/internal";`);
  lines.push(`import type { components, operations, paths } from "./openapi.js";`);
  lines.push("");
  lines.push("/** Every schema of this package by name. */");
  lines.push(`export type Schemas = components["schemas"];`);
  for (const name of Object.keys(bundle.components?.schemas ?? {})) {
    const schema = bundle.components.schemas[name];
    const doc = [
      schema.description
        ?.split("\n\n")[0]
        .replace(/\s*\n\s*/g, " ")
        .trim(),
      schema["x-doc-name"] ? `Documented as ${[].concat(schema["x-doc-name"]).join(", ")}.` : "",
    ]
      .filter(Boolean)
      .join(" ");
    if (doc) lines.push(`/** ${doc.replace(/\*\//g, "*\\/")} */`);
    lines.push(`export type ${safeIdent(name)} = components["schemas"][${JSON.stringify(name)}];`);
  }
  lines.push("");

  /** @type {string[]} */
  const members = [];
  /** @type {string[]} */
  const catalog = [];
  for (const op of ops) {
    const T = pascal(op.operationId);
    const { lines: typeLines, signatures } = operationTypes(op);
    lines.push(...typeLines, "");
    const about = [
      op.summary,
      ...(op.description ? ["", ...op.description.trim().split("\n")] : []),
      "",
      `\`${op.method.toUpperCase()} ${op.path}\``,
      ...(op.gateways ? ["", ...gatewayLines(op.gateways)] : []),
      ...(op.docPages.length ? ["", "Documentation:", ...documentationLines(op.docPages)] : []),
    ];
    const { call: plainName, stream: streamName } = op.methods;
    /**
     * @param {string} name
     * @param {string} result
     * @param {string[]} extra
     */
    const method = (name, result, extra) =>
      signatures
        .map(
          (args, i) =>
            `${docComment(i === 0 ? [...about, ...extra] : [`${op.summary} (the call options without the optional ${op.input}).`])}\n  ${name}(${args}): Promise<${result}>;`,
        )
        .join("\n\n");
    if (plainName) members.push(method(plainName, `${T}Result`, []));
    if (streamName) {
      const note = op.streamFlag
        ? `Sends \`${op.streamFlag}: ${op.streamValue ? JSON.stringify(op.streamValue) : "true"}\` and returns the server-sent events, typed; \`break\` or \`abort()\` releases the connection.`
        : "Returns the server-sent events, typed; `break` or `abort()` releases the connection.";
      members.push(method(streamName, `Stream<${T}StreamEvent>`, ["", note]));
    }
    catalog.push(
      `  { operationId: ${JSON.stringify(op.operationId)}, method: ${JSON.stringify(op.method)}, path: ${JSON.stringify(op.path)}, pathParams: ${JSON.stringify(op.pathParams.map((p) => p.name))}, input: ${JSON.stringify(op.input)}, call: ${JSON.stringify(plainName)}, stream: ${JSON.stringify(streamName)} },`,
    );
  }

  lines.push(...table);
  lines.push(
    `/**`,
    ` * The typed methods of @allmhub/${pkg}, one per operation of the spec. Every method takes the path`,
    ` * parameters in path order, then the body (or, without a body, the query parameters as one object), then`,
    ` * the call options.`,
    ` */`,
  );
  lines.push(`export interface ${iface} {`, members.join("\n\n"), `}`, "");
  lines.push(`/** What the operations of @allmhub/${pkg} need beyond JSON calls (see bindOperations). */`);
  lines.push(`export const operationCodecs: OperationCodecs = { ${codecs.join(", ")} };`, "");
  lines.push(`/** Binds the typed methods to a gateway client. */`);
  lines.push(
    `export function bind${iface}(client: GatewayClient<paths>): ${iface} {`,
    `  return bindOperations<${iface}>(client, operationDescriptors, operationCodecs);`,
    `}`,
    "",
  );
  lines.push(
    `/** One entry per operation, for tools (the contract runner, docs): which method sends it and with which arguments. */`,
  );
  lines.push(`export interface OperationCatalogEntry {`);
  lines.push(
    `  operationId: string;`,
    `  method: string;`,
    `  path: string;`,
    `  /** The path parameters, in the order the method takes them. */`,
    `  pathParams: readonly string[];`,
    `  /** What the method takes after them: the body, the query object, or nothing. */`,
    `  input: "body" | "query" | null;`,
    `  call: keyof ${iface} | null;`,
    `  stream: keyof ${iface} | null;`,
    `}`,
    "",
  );
  lines.push(`/** Every operation of @allmhub/${pkg}. */`);
  lines.push(`export const operationCatalog: readonly OperationCatalogEntry[] = [`, ...catalog, `];`, "");
  lines.push(...waits.code);
  return lines.join("\n");
}
