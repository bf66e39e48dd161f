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
 * The descriptor of one operation, as core's `bindOperations` reads it.
 * @param {OperationInfo} op
 */
function descriptor(op) {
  const responseKind = op.success.json ? "json" : op.success.text ? "text" : op.success.binary ? "binary" : "json";
  /** @param {import("./describe.mjs").NamedParam[]} params */
  const defaults = (params) =>
    Object.fromEntries(params.filter((p) => p.sdkDefault !== undefined).map((p) => [p.name, p.sdkDefault]));
  const header = defaults(op.headers);
  const query = defaults(op.query);
  const fields = [
    `method: ${JSON.stringify(op.method)}`,
    `path: ${JSON.stringify(op.path)}`,
    op.input ? `input: ${JSON.stringify(op.input)}` : "",
    op.input && op.inputOptional ? "inputOptional: true" : "",
    op.body?.alsoMultipart
      ? `requestBody: "auto"`
      : op.body?.media === "multipart/form-data"
        ? `requestBody: "multipart"`
        : "",
    responseKind === "text" || responseKind === "binary" ? `response: ${JSON.stringify(responseKind)}` : "",
    op.auth.length === 1 && op.auth[0] === "bearer" ? "" : `auth: ${JSON.stringify(op.auth)}`,
    op.envelope ? `envelope: ${JSON.stringify(op.envelope)}` : "",
    op.slashParams.length ? `slashParams: ${JSON.stringify(op.slashParams)}` : "",
    op.success.stream ? `stream: ${JSON.stringify(op.methods.call ? "also" : "only")}` : "",
    op.success.stream && op.streamFlag && op.body ? `streamFlag: ${JSON.stringify(op.streamFlag)}` : "",
    op.success.stream && op.streamFlag && op.body && op.streamValue
      ? `streamValue: ${JSON.stringify(op.streamValue)}`
      : "",
    op.success.stream && op.streamEnd.length ? `streamEnd: ${JSON.stringify(op.streamEnd)}` : "",
    Object.keys(header).length || Object.keys(query).length
      ? `defaults: ${JSON.stringify({ ...(Object.keys(header).length ? { header } : {}), ...(Object.keys(query).length ? { query } : {}) })}`
      : "",
  ].filter(Boolean);
  return `  ${op.operationId}: { ${fields.join(", ")} },`;
}

/**
 * The descriptor table of a package, and a check of it that costs no code. The table is a plain `as const`
 * literal, whose declaration TypeScript can write without a type check (`isolatedDeclarations`), which a
 * `satisfies` clause would prevent; the two type aliases after it (which no declaration file keeps, as
 * nothing exported uses them) make `tsc` reject a descriptor that is not an OperationDescriptor or that has
 * a field OperationDescriptor lacks, as `satisfies` did.
 * @param {OperationInfo[]} ops
 * @param {string} pkg
 * @returns {string[]} the lines
 */
function descriptorsCode(ops, pkg) {
  return [
    `/** How each operation of @allmhub/${pkg} is sent. */`,
    `export const operationDescriptors = {`,
    ...ops.map(descriptor),
    `} as const;`,
    "",
    "// Checked by tsc, with no code: each descriptor is an OperationDescriptor with no other field.",
    "type OperationDescriptorsFit<T extends { [K in keyof T]: OperationDescriptor & Record<Exclude<keyof T[K], keyof OperationDescriptor>, never> }> = T;",
    "type OperationDescriptorsChecked = OperationDescriptorsFit<typeof operationDescriptors>;",
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
    check: `${kind.replace(/-(\w)/g, (_, c) => c.toUpperCase())}Envelope`,
  }));
  const codecs = [
    streams ? "stream: Stream" : "",
    envelopeChecks.length
      ? `envelope: { ${envelopeChecks.map(({ key, check }) => `${key}: ${check}`).join(", ")} }`
      : "",
    multipart ? "form: multipartBody" : "",
  ].filter(Boolean);
  const waits = generateWaits(ops, iface);
  const internalValues = [
    "bindOperations",
    ...(multipart ? ["multipartBody"] : []),
    ...envelopeChecks.map(({ check }) => check),
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
  lines.push(`import type { GatewayClient, OperationCodecs, OperationDescriptor } from "@allmhub/core/internal";`);
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

  lines.push(...descriptorsCode(ops, pkg));
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
