#!/usr/bin/env node
// @ts-check
// Maintainer tool, run by hand (never by tests): regenerates the reference extracts in this folder from a
// full copy of the reference data (OpenAI's OpenAPI document, the Claude Messages JSON Schema, Gemini's
// discovery document as OpenAPI, new-api's routes and structs).
//
//   node spec/reference/extract.mjs --from /path/to/reference
//
// `--from` (or ALLMHUB_REFERENCE) is the folder holding openai/openapi.json, anthropic/messages.schema.json,
// gemini/v1beta.openapi3.json, new-api/routes.json and new-api/structs/*.json; the default is
// `../shared/reference` next to the repository. The extracts keep facts only (field names, types, enums,
// nullability, required-ness, example payloads) and drop every description.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..", "..");

/** The OpenAI operations the gateway relays (OpenAI's operationIds), with the spec path they correspond to. */
export const OPENAI_OPERATIONS = [
  "createChatCompletion",
  "createResponse",
  "Compactconversation",
  "createCompletion",
  "createEmbedding",
  "createModeration",
  "createImage",
  "createImageEdit",
  "createSpeech",
  "createTranscription",
  "createTranslation",
  "createVideo",
  "GetVideo",
  "CreateVideoRemix",
  "RetrieveVideoContent",
  "listModels",
  "retrieveModel",
];

/** The Gemini operations the gateway relays (discovery operationIds). */
export const GEMINI_OPERATIONS = [
  "GenerateContent",
  "StreamGenerateContent",
  "EmbedContent",
  "BatchEmbedContents",
  "ListModels",
  "GetModel",
];

/** new-api's router files whose routes relay to vendors. */
const RELAY_ROUTER_FILES = ["router/relay-router.go", "router/video-router.go", "router/dashboard.go"];

/** Struct files of request and answer bodies the relay uses (account and admin structs are left out). */
const STRUCT_FILE = /^(relaykit_dto\.|dto\.|relay_common\.|relay\.|controller\.ListModels#|controller\.OpenAI)/;

function parseArgs() {
  const args = process.argv.slice(2);
  const i = args.indexOf("--from");
  const from = i >= 0 ? args[i + 1] : process.env.ALLMHUB_REFERENCE;
  return { from: resolve(from ?? join(repoRoot, "..", "shared", "reference")) };
}

/** @param {string} file */
const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));

/**
 * Drops prose and tool-specific keys from a schema tree, keeping the facts.
 * @param {any} node
 * @param {Set<string>} drop keys to drop wherever they are a schema keyword
 * @returns {any}
 */
function strip(node, drop) {
  if (Array.isArray(node)) return node.map((n) => strip(n, drop));
  if (!node || typeof node !== "object") return node;
  /** @type {Record<string, any>} */
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "properties" || k === "$defs" || k === "patternProperties") {
      // Keys of these maps are names, not keywords: keep every one.
      out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, strip(s, drop)]));
      continue;
    }
    if (drop.has(k) || k.startsWith("x-")) continue;
    out[k] = strip(v, drop);
  }
  return out;
}

/**
 * Names of the component schemas a node refers to, transitively.
 * @param {any} start
 * @param {(ref: string) => string | null} nameOf
 * @param {(name: string) => any} get
 */
function closure(start, nameOf, get) {
  const seen = new Set();
  const visit = (/** @type {any} */ n) => {
    if (!n || typeof n !== "object") return;
    if (Array.isArray(n)) return n.forEach(visit);
    for (const [k, v] of Object.entries(n)) {
      if (k === "$ref" && typeof v === "string") {
        const name = nameOf(v);
        if (name && !seen.has(name)) {
          seen.add(name);
          visit(get(name));
        }
      } else if (k !== "x-oaiMeta") visit(v);
    }
  };
  visit(start);
  return [...seen].sort();
}

const DESCRIPTIVE = new Set(["description", "title", "example", "examples", "externalDocs", "summary"]);

// ---------------------------------------------------------------------------------------------- OpenAI

/**
 * The x-oaiMeta examples of one operation, as replayable request and answer payloads.
 * @param {string} operationId
 * @param {any} meta
 */
export function openaiExamples(operationId, meta) {
  const raw = meta?.examples;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list.map((e, i) => {
    /** @type {string[]} */
    const notes = [];
    const curl = typeof e.request?.curl === "string" ? e.request.curl : null;
    const request = curl ? requestFromCurl(curl, notes) : null;
    if (!curl) notes.push("no curl request in the example: not replayable");
    let response = answerFromText(typeof e.response === "string" ? e.response : "", notes);
    if (response?.media === "application/json" && request?.body?.stream === true) {
      // A streamed request documented with one chunk written as plain JSON: that chunk is the stream.
      response = { media: "text/event-stream", events: [response.body] };
      notes.push("the streamed answer is written as one JSON chunk: read as the stream's only event");
    }
    return {
      operationId,
      title: e.title ?? (list.length > 1 ? `Example ${i + 1}` : "Default"),
      request,
      response,
      notes,
      raw: { curl, response: typeof e.response === "string" ? e.response : null },
    };
  });
}

/**
 * @param {string} curl
 * @param {string[]} notes
 * @returns {{ path: string | null, method?: string, query?: Record<string, string>, media: string | null, body: any }}
 */
function requestFromCurl(curl, notes) {
  const url = /"?(https:\/\/api\.openai\.com\/v1\/[^\s"'\\]+)/.exec(curl)?.[1] ?? null;
  if (!url) notes.push("the curl command names no https://api.openai.com/v1/ URL");
  // The path as the gateway serves it (OpenAI's /v1 prefix kept), and the query when there is one.
  const path = url ? new URL(url).pathname : null;
  const method = /-X\s+(\w+)/.exec(curl)?.[1]?.toUpperCase();
  const query = url?.includes("?") ? Object.fromEntries(new URL(url).searchParams) : undefined;
  const where = { path, ...(method ? { method } : {}), ...(query ? { query } : {}) };
  const data = /(?:^|\s)(?:-d|--data)\s+'([\s\S]*?)'(?=\s*(?:\\\s*\n|$))/m.exec(curl);
  if (data) {
    try {
      return { ...where, media: "application/json", body: JSON.parse(data[1] ?? "") };
    } catch (err) {
      notes.push(`request body is not JSON (${err instanceof Error ? err.message : err})`);
      return { ...where, media: "application/json", body: null };
    }
  }
  const fields = [...curl.matchAll(/-F\s+(?:"([^"]*)"|'([^']*)'|(\S+?)=("[^"]*"|'[^']*'|\S+))/g)];
  if (fields.length) {
    /** @type {Record<string, any>} */
    const body = {};
    for (const m of fields) {
      let key;
      let value;
      if (m[3] !== undefined) {
        key = m[3];
        value = (m[4] ?? "").replace(/^["']|["']$/g, "");
      } else {
        const text = m[1] ?? m[2] ?? "";
        const eq = text.indexOf("=");
        key = text.slice(0, eq);
        value = text.slice(eq + 1);
      }
      if (value.startsWith("@")) value = `<binary ${value.slice(1).split("/").pop()}>`;
      const isArray = key.endsWith("[]");
      if (isArray) {
        key = key.slice(0, -2);
        body[key] = [...(body[key] ?? []), value];
      } else body[key] = value;
    }
    if (Object.keys(body).some((k) => Array.isArray(body[k])))
      notes.push("form fields named `name[]` are sent as repeated `name` fields");
    return { ...where, media: "multipart/form-data", body };
  }
  return { ...where, media: null, body: null };
}

/**
 * @param {string} text
 * @param {string[]} notes
 * @returns {{ media: string, body?: any, events?: any[] } | null}
 */
function answerFromText(text, notes) {
  const t = text.trim();
  if (!t || t === "undefined") return null;
  if (/^(event|data):/m.test(t)) {
    const events = [];
    for (const line of t.split("\n")) {
      const m = /^data:\s?(.*)$/.exec(line);
      if (!m?.[1] || m[1].trim() === "[DONE]") continue;
      try {
        events.push(JSON.parse(m[1]));
      } catch {
        notes.push(`an event is not JSON: ${m[1].slice(0, 60)}`);
      }
    }
    return { media: "text/event-stream", events };
  }
  try {
    return { media: "application/json", body: JSON.parse(t) };
  } catch {
    /* repaired below */
  }
  // Chunks written one JSON object per paragraph, with "...." between them (chat and completions streaming).
  const paragraphs = t
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p && !/^\.{3,}$/.test(p));
  if (paragraphs.length > 1 && paragraphs.every((p) => p.startsWith("{"))) {
    try {
      const events = paragraphs.map((p) => JSON.parse(p));
      notes.push("answer written as JSON chunks, one per paragraph: read as the stream's events");
      return { media: "text/event-stream", events };
    } catch {
      /* falls through */
    }
  }
  const repaired = t
    .split("\n")
    .filter((line) => !/^\s*\.{3,}.*$/.test(line))
    .join("\n")
    .replace(/,(\s*[\]}])/g, "$1")
    // a missing comma between two members written on their own lines
    .replace(/("|\d|true|false|null|[\]}])(\s*\n\s*")/g, "$1,$2");
  try {
    const body = JSON.parse(repaired);
    notes.push("answer repaired to be JSON: elision lines (`...`), trailing commas and missing commas fixed");
    return { media: "application/json", body };
  } catch (err) {
    notes.push(`answer is not JSON (${err instanceof Error ? err.message : err})`);
    return null;
  }
}

/** @param {string} from */
function extractOpenAI(from) {
  const doc = readJson(join(from, "openai", "openapi.json"));
  const schemas = doc.components.schemas;
  /** @type {Record<string, any>} */
  const operations = {};
  const examples = [];
  const roots = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(/** @type {Record<string, any>} */ (item))) {
      if (!op || typeof op !== "object" || !OPENAI_OPERATIONS.includes(op.operationId) || path.includes("?")) continue;
      const request = op.requestBody?.content
        ? Object.fromEntries(Object.entries(op.requestBody.content).map(([m, c]) => [m, /** @type {any} */ (c).schema]))
        : null;
      /** @type {Record<string, any>} */
      const responses = {};
      for (const [status, r] of Object.entries(op.responses ?? {})) {
        if (!/^2/.test(status)) continue;
        responses[status] = Object.fromEntries(
          Object.entries(/** @type {any} */ (r).content ?? {}).map(([m, c]) => [m, /** @type {any} */ (c).schema]),
        );
      }
      const parameters = (op.parameters ?? []).map((/** @type {any} */ p) => ({
        name: p.name,
        in: p.in,
        required: Boolean(p.required),
        schema: p.schema,
      }));
      operations[op.operationId] = strip({ method, path, parameters, request, responses }, DESCRIPTIVE);
      roots.push(operations[op.operationId]);
      examples.push(...openaiExamples(op.operationId, op["x-oaiMeta"]));
    }
  }
  const missing = OPENAI_OPERATIONS.filter((id) => !operations[id]);
  if (missing.length) throw new Error(`OpenAI's document lacks ${missing.join(", ")}`);
  const names = closure(
    roots,
    (ref) => ref.replace("#/components/schemas/", ""),
    (n) => schemas[n],
  );
  return {
    source: {
      repository: "openai/openai-openapi",
      branch: "main",
      commit: "f85dbe223d40e1a31cba812ab2d755c7e98a92a3",
      commitDate: "2026-08-21",
      file: "openapi.json",
      version: doc.info?.version,
      licence: doc.info?.license?.identifier ?? doc.info?.license?.name,
      extracted:
        "the relayed operations, the component schemas they refer to (transitively) without descriptions, and their x-oaiMeta examples",
    },
    operations,
    components: { schemas: Object.fromEntries(names.map((n) => [n, strip(schemas[n], DESCRIPTIVE)])) },
    examples,
  };
}

// ------------------------------------------------------------------------------------------- Anthropic

/** @param {string} from */
function extractAnthropic(from) {
  const doc = readJson(join(from, "anthropic", "messages.schema.json"));
  const names = closure(
    doc["x-roots"],
    (ref) => ref.replace("#/$defs/", ""),
    (n) => doc.$defs[n],
  );
  /** @type {Record<string, any>} */
  const defs = {};
  for (const n of names) defs[n] = strip(doc.$defs[n], DESCRIPTIVE);
  // `x-ts-number` marks a TypeScript `number` (integer or not unknown): keep it, it decides type comparisons.
  const keepTsNumber = (/** @type {any} */ original, /** @type {any} */ out) => {
    if (!original || typeof original !== "object") return;
    if (original["x-ts-number"] === true && out && typeof out === "object") out["x-ts-number"] = true;
    for (const [k, v] of Object.entries(original))
      if (v && typeof v === "object" && out?.[k] !== undefined) keepTsNumber(v, out[k]);
  };
  for (const n of names) keepTsNumber(doc.$defs[n], defs[n]);
  return {
    source: {
      package: "@anthropic-ai/sdk",
      version: doc["x-source"]?.version ?? "1.17.0",
      file: doc["x-source"]?.file ?? "resources/messages/messages.d.ts",
      licence: "MIT",
      made: "JSON Schema made from the package's TypeScript types with the TypeScript compiler API (a TS `number` is `{type: number, x-ts-number: true}`; an optional `?` property is not required)",
    },
    roots: {
      request: { $ref: "#/$defs/MessageCreateParamsBase" },
      answer: { $ref: "#/$defs/Message" },
      events: { $ref: "#/$defs/RawMessageStreamEvent" },
    },
    $defs: defs,
  };
}

// ---------------------------------------------------------------------------------------------- Gemini

/** @param {string} from */
function extractGemini(from) {
  const doc = readJson(join(from, "gemini", "v1beta.openapi3.json"));
  const schemas = doc.components.schemas;
  /** @type {Record<string, any>} */
  const operations = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(/** @type {Record<string, any>} */ (item))) {
      if (!op || typeof op !== "object" || !GEMINI_OPERATIONS.includes(op.operationId)) continue;
      const request = op.requestBody?.content
        ? Object.fromEntries(Object.entries(op.requestBody.content).map(([m, c]) => [m, /** @type {any} */ (c).schema]))
        : null;
      // Discovery answers are `default`; they are the successful answer.
      const ok = op.responses?.["200"] ?? op.responses?.default;
      const responses = {
        200: Object.fromEntries(Object.entries(ok?.content ?? {}).map(([m, c]) => [m, /** @type {any} */ (c).schema])),
      };
      operations[op.operationId] = strip({ method, path, request, responses }, DESCRIPTIVE);
    }
  }
  const names = closure(
    Object.values(operations),
    (ref) => ref.replace("#/components/schemas/", ""),
    (n) => schemas[n],
  );
  return {
    source: {
      api: "Generative Language API v1beta (Gemini), discovery document rendered as OpenAPI 3.0",
      revision: doc.info?.["x-google-revision"],
      repository: "atacan/GoogleGenerativeLanguage",
      commit: "74dcd136efaaa271bd16bd1a29c071a487d90fdb",
      file: "assets/original.json",
      licence: "Apache-2.0 (Google's discovery document)",
      note: "Discovery documents never mark properties required: nothing in a Gemini answer is guaranteed present. `readOnly` marks output-only fields.",
    },
    operations,
    components: { schemas: Object.fromEntries(names.map((n) => [n, strip(schemas[n], DESCRIPTIVE)])) },
  };
}

// --------------------------------------------------------------------------------------------- new-api

const FIELD_FACTS = [
  "json",
  "goName",
  "goType",
  "omitempty",
  "omitemptyEffective",
  "pointer",
  "jsonKind",
  "elemKind",
  "ref",
  "line",
  "alias",
  "aliasOf",
  "accepts",
  "customDecode",
  "alwaysNull",
  "embeddedVia",
  "embeddedWithTag",
  "file",
];

/** @param {string} from */
function extractNewApi(from) {
  const routes = readJson(join(from, "new-api", "routes.json"));
  const dir = join(from, "new-api", "structs");
  /** @type {Record<string, any>} */
  const structs = {};
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith(".json") || !STRUCT_FILE.test(f)) continue;
    const s = readJson(join(dir, f));
    structs[f.replace(/\.json$/, "")] = {
      id: s.id,
      kind: s.kind,
      file: s.source?.file,
      line: s.source?.line,
      ...(s.bound ? { bound: s.bound } : {}),
      ...(s.notes?.length ? { notes: s.notes } : {}),
      fields: (s.fields ?? []).map((/** @type {any} */ field) =>
        Object.fromEntries(FIELD_FACTS.filter((k) => field[k] !== undefined).map((k) => [k, field[k]])),
      ),
    };
  }
  return {
    source: {
      repository: "QuantumNous/new-api (read from the mirror zyqfork/new-api)",
      commit: routes.source?.commit,
      commitDate: routes.source?.commitDate,
      licence: "AGPL-3.0 (facts only: routes and the JSON shape of Go structs; no source code is copied)",
      files: routes.source?.files,
    },
    routes: routes.routes
      .filter((/** @type {any} */ r) => RELAY_ROUTER_FILES.includes(r.file))
      .map((/** @type {any} */ r) => ({
        method: r.method,
        path: r.path,
        auth: r.auth,
        handler: r.handler,
        file: r.file,
        line: r.line,
      })),
    expansions: routes.expansions,
    // The account routes an end user (or anyone) calls under /api: what @allmhub/admin covers (issue 21).
    accountRoutes: routes.routes
      .filter(
        (/** @type {any} */ r) =>
          r.file === "router/api-router.go" &&
          ["user", "none", "optional-user", "public-or-user (setting)"].includes(r.auth),
      )
      .map((/** @type {any} */ r) => ({
        method: r.method,
        path: r.path,
        auth: r.auth,
        handler: r.handler,
        file: r.file,
        line: r.line,
      })),
    structs,
  };
}

// ------------------------------------------------------------------------------------------------ main

function main() {
  const { from } = parseArgs();
  const outputs = {
    "openai.json": extractOpenAI(from),
    "anthropic.json": extractAnthropic(from),
    "gemini.json": extractGemini(from),
    "new-api.json": extractNewApi(from),
  };
  let total = 0;
  for (const [name, value] of Object.entries(outputs)) {
    const text = `${JSON.stringify(value, null, 1)}\n`;
    writeFileSync(join(here, name), text);
    total += text.length;
    console.log(`${name}: ${(text.length / 1024).toFixed(0)} KiB`);
  }
  console.log(`total ${(total / 1024).toFixed(0)} KiB from ${from}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
