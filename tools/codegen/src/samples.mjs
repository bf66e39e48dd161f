// @ts-check
// Code samples: one documented request example as a complete TypeScript module that sends it with the SDK, in
// the call shape the generated methods take (path parameters, then the body or query object, then the options).
import { pascal } from "./operations-code.mjs";

/** @typedef {import("./describe.mjs").OperationInfo} OperationInfo */

/**
 * One documented request, by where its values go (the parts the contract runner pairs by example name).
 * @typedef {{
 *   name: string | null,
 *   source?: string,
 *   path?: Record<string, unknown>,
 *   query?: Record<string, unknown>,
 *   header?: Record<string, unknown>,
 *   body?: unknown,
 *   bodyMedia?: string | null,
 *   extraFields?: string[] | null,
 *   stream?: boolean,
 *   untyped?: string | null,
 * }} SampleRequest
 */

/** The factory of a package's client: `createChatClient` for `chat`. */
export const factoryName = (/** @type {string} */ pkg) => `create${pascal(pkg)}Client`;

/** How a multipart example writes a file: `"<binary name.png>"`, or `"<file>"` without a name. */
const FILE_PLACEHOLDER = /^<(?:binary|file)\s*([^>]*)>$/;

/** Code written as it is into a literal (a file upload). */
class Code {
  /** @param {string} text */
  constructor(text) {
    this.text = text;
  }
}

/** Lines longer than this are broken over several lines. */
const WIDTH = 100;

/**
 * A value as a TypeScript literal: identifier keys bare, on one line when that takes at most `room` columns.
 * @param {unknown} value
 * @param {string} [indent] the indentation of the line the literal starts on
 * @param {number} [room] the columns left for it on that line
 * @returns {string}
 */
export function tsLiteral(value, indent = "", room = WIDTH - indent.length) {
  if (value instanceof Code) return value.text;
  if (value === undefined) return "undefined";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const inner = `${indent}  `;
  const key = (/** @type {string} */ k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
  /** @param {number} width the columns each item may take on a line of its own */
  const items = (width) =>
    Array.isArray(value)
      ? value.map((v) => tsLiteral(v, inner, width))
      : Object.entries(value).map(([k, v]) => `${key(k)}: ${tsLiteral(v, inner, width - key(k).length - 2)}`);
  if ((Array.isArray(value) ? value : Object.keys(value)).length === 0) return Array.isArray(value) ? "[]" : "{}";
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{ ", " }"];
  const flat = `${open}${items(room).join(", ")}${close}`;
  if (!flat.includes("\n") && flat.length <= room) return flat;
  const lines = items(WIDTH - inner.length - 1).map((i) => `${inner}${i},`);
  return `${open.trim()}\n${lines.join("\n")}\n${indent}${close.trim()}`;
}

/**
 * A comment of one or more lines, each at most {@link WIDTH} columns.
 * @param {string} text
 * @returns {string[]}
 */
function commentLines(text) {
  /** @type {string[]} */
  const lines = [];
  let line = "//";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line.length + word.length + 1 > WIDTH && line !== "//") {
      lines.push(line);
      line = "//";
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines;
}

/**
 * A complete TypeScript module that sends one documented request with `@allmhub/<pkg>` and uses the answer
 * (printed, or its events read with `for await`). Its files become `toFile` uploads, its `x-extra-fields` go in
 * the call option `extraBody`, its header parameters in `headers`. An example marked `x-untyped` gives only a
 * comment that says why it is not shown.
 * @param {OperationInfo} op the operation, from describeOperations
 * @param {string} pkg its package (`x-package`)
 * @param {SampleRequest} request
 * @returns {string}
 */
export function sampleModule(op, pkg, request) {
  const about = request.name
    ? `Example "${request.name}"${request.source ? ` (${request.source})` : ""}.`
    : (op.summary || op.operationId).replace(/\.?$/, ".");
  if (request.untyped)
    return `${commentLines(`${about} Not shown as an SDK call: the types of @allmhub/${pkg} reject it (x-untyped). ${request.untyped}`).join("\n")}\n`;
  const streamed = Boolean(request.stream && op.methods.stream);
  const method = streamed ? op.methods.stream : (op.methods.call ?? op.methods.stream);
  const client = pkg;
  const taken = new Set([client, "answer", "stream", "event", "toFile", "createReadStream", factoryName(pkg)]);
  const lines = [...commentLines(about)];
  const imports = [factoryName(pkg)];

  /** @type {unknown[]} the call's arguments, as values ({@link Code} for a local's name) */
  const args = [];
  /** @type {string[]} */
  const locals = [];
  for (const p of op.pathParams) {
    const ident = taken.has(p.ident) ? `${p.ident}Param` : p.ident;
    const value = request.path?.[p.name];
    locals.push(`const ${ident} = ${tsLiteral(value === undefined ? `<${p.name}>` : value)};`);
    args.push(new Code(ident));
  }

  /** @type {Record<string, unknown>} */
  const options = {};
  if (request.header && Object.keys(request.header).length) options.headers = request.header;
  let uploads = false;
  if (op.input === "body") {
    let body = request.body;
    if (body && typeof body === "object" && !Array.isArray(body)) {
      /** @type {Record<string, unknown>} */
      const typed = {};
      /** @type {Record<string, unknown>} */
      const extra = {};
      const multipart = request.bodyMedia === "multipart/form-data";
      /** @param {unknown} v */
      const upload = (v) => {
        const m = multipart && typeof v === "string" ? FILE_PLACEHOLDER.exec(v.trim()) : null;
        if (!m) return v;
        uploads = true;
        const name = JSON.stringify((m[1] ?? "").trim() || "file.bin");
        return new Code(`await toFile(createReadStream(${name}), ${name})`);
      };
      for (const [k, v] of Object.entries(body)) {
        // The streamed method sends the stream flag itself.
        if (streamed && k === op.streamFlag && v === true) continue;
        if (request.extraFields?.includes(k)) extra[k] = v;
        else typed[k] = Array.isArray(v) ? v.map(upload) : upload(v);
      }
      if (Object.keys(extra).length) options.extraBody = extra;
      body = typed;
    }
    if (request.query && Object.keys(request.query).length) options.query = request.query;
    if (body !== undefined) args.push(body);
    else if (!op.inputOptional) args.push({});
  } else if (op.input === "query") {
    if (request.query && Object.keys(request.query).length) args.push(request.query);
    else if (!op.inputOptional) args.push({});
  }
  if (Object.keys(options).length) args.push(options);

  if (uploads) {
    imports.push("toFile");
    lines.push(`import { createReadStream } from "node:fs";`);
  }
  lines.push(`import { ${imports.join(", ")} } from "@allmhub/${pkg}";`, "");
  const reads = op.auth.includes("accessToken")
    ? "ALLMHUB_ACCESS_TOKEN, ALLMHUB_USER_ID and ALLMHUB_BASE_URL"
    : "ALLMHUB_API_KEY and ALLMHUB_BASE_URL";
  lines.push(`// The client reads ${reads}.`, `const ${client} = ${factoryName(pkg)}();`);
  lines.push(...locals);
  const call = (/** @type {string} */ name) => callCode(`const ${name} = await ${client}.${method}`, args, ";");
  if (streamed) lines.push(call("stream"), "for await (const event of stream) console.log(event);");
  else if (op.success.binary && !op.success.json)
    lines.push(call("answer"), "console.log(answer.type, answer.size); // the bytes, as a Blob");
  else lines.push(call("answer"), "console.log(answer);");
  lines.push("");
  return lines.join("\n");
}

/**
 * A call written as Prettier would: on one line when it fits, else with its last argument (an object after
 * arguments that are not) opening on the call's line, else one argument a line.
 * @param {string} head the text up to the opening parenthesis
 * @param {unknown[]} args
 * @param {string} tail the text after the closing parenthesis
 * @returns {string}
 */
export function callCode(head, args, tail) {
  const flat = args.map((a) => tsLiteral(a, "", Number.POSITIVE_INFINITY));
  const line = `${head}(${flat.join(", ")})${tail}`;
  if (line.length <= WIDTH && !line.includes("\n")) return line;
  const isObject = (/** @type {unknown} */ a) => Boolean(a) && typeof a === "object" && !(a instanceof Code);
  const lead = `${head}(${flat
    .slice(0, -1)
    .map((a) => `${a}, `)
    .join("")}`;
  // Only a last object after arguments that are not objects opens on the call's line.
  if (isObject(args.at(-1)) && !args.slice(0, -1).some(isObject) && lead.length + 1 <= WIDTH)
    return `${lead}${tsLiteral(args.at(-1), "", 0)})${tail}`;
  return `${head}(\n${args.map((a) => `  ${tsLiteral(a, "  ")},\n`).join("")})${tail}`;
}
