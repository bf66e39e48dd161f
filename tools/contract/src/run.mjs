// @ts-check
import { isDeepStrictEqual } from "node:util";
import { decodeServerSentEvents } from "@allmhub/core/internal";
import { startMockGateway, PREFER_HEADER } from "@allmhub/mock-gateway";
import { DATA_ENVELOPES, envelopeFailure } from "@allmhub/spec-model";
import { collectScenarios } from "./scenarios.mjs";
import { createResponseValidator } from "./validate.mjs";

/** The key the runner uses against the mock gateway (never a real one). */
export const MOCK_API_KEY = "sk-contract-test-key";
/** The access token the runner uses against the mock gateway's account APIs. */
export const MOCK_ACCESS_TOKEN = "contract-test-access-token";

/**
 * @typedef {import("./scenarios.mjs").Scenario} Scenario
 * @typedef {{
 *   package: string, operationId: string, example: string, source: string,
 *   outcome: "pass" | "fail" | "skip", detail: string, ms: number
 * }} ContractResult
 * @typedef {{ operationId: string, pathParams: ReadonlyArray<string>, input: "body" | "query" | null, call: string | null, stream: string | null }} CatalogEntry
 * @typedef {{ createClient: (options: any) => any, catalog: ReadonlyArray<CatalogEntry> }} PackageModule
 */

const PACKAGE_FACTORIES = {
  chat: "createChatClient",
  media: "createMediaClient",
  tasks: "createTasksClient",
  admin: "createAdminClient",
};

/**
 * Loads the built client packages.
 * @returns {Promise<Record<string, PackageModule>>}
 */
export async function loadPackages() {
  /** @type {Record<string, PackageModule>} */
  const out = {};
  for (const [pkg, factory] of Object.entries(PACKAGE_FACTORIES)) {
    const mod = await import(`@allmhub/${pkg}`);
    out[pkg] = { createClient: mod[factory], catalog: mod.operationCatalog };
  }
  return out;
}

/**
 * @typedef {{
 *   replay(s: Scenario): Promise<ContractResult>,
 *   close(): Promise<void>,
 *   mockViolations(): string[],
 *   requests(): Array<{ method: string, path: string, contentType: string }>,
 * }} ReplaySession
 */

/**
 * A session that replays documented examples one at a time through the generated clients, against a mock
 * gateway it starts (the default) or a given target. Against the mock a scenario passes when the mock
 * accepted the request (it validates it against the spec), the client returned the documented answer
 * unchanged, and that answer is valid against its response schema.
 * @param {{ spec: any, target?: { baseUrl: string, apiKey: string, accessToken?: string, userId?: string }, packages?: Record<string, PackageModule> }} options
 * @returns {Promise<ReplaySession>}
 */
export async function startReplay(options) {
  const { spec } = options;
  const packages = options.packages ?? (await loadPackages());
  const validate = createResponseValidator(spec);
  const mock = options.target
    ? null
    : await startMockGateway({ spec, apiKeys: [MOCK_API_KEY], accessTokens: [MOCK_ACCESS_TOKEN] });
  const baseUrl = options.target?.baseUrl ?? mock?.url ?? "";
  const credentials = options.target
    ? { apiKey: options.target.apiKey, accessToken: options.target.accessToken, userId: options.target.userId }
    : { apiKey: MOCK_API_KEY, accessToken: MOCK_ACCESS_TOKEN, userId: "1" };
  return {
    replay: (s) => replayScenario(s, { packages, validate, mock, baseUrl, credentials }),
    close: async () => mock?.close(),
    mockViolations: () =>
      (mock?.requests ?? []).filter((r) => r.violation).map((r) => `${r.method} ${r.path}: ${r.violation}`),
    requests: () =>
      (mock?.requests ?? []).map((r) => ({
        method: r.method,
        path: r.path,
        contentType: (r.headers["content-type"] ?? "").split(";")[0] ?? "",
      })),
  };
}

/**
 * Replays every documented example of the spec (or those `only` keeps) in one session; see {@link startReplay}.
 * @param {{
 *   spec: any,
 *   target?: { baseUrl: string, apiKey: string, accessToken?: string, userId?: string },
 *   packages?: Record<string, PackageModule>,
 *   only?: (s: Scenario) => boolean,
 *   onResult?: (r: ContractResult) => void,
 * }} options
 * @returns {Promise<{ results: ContractResult[], mockViolations: string[], requests: Array<{ method: string, path: string, contentType: string }> }>}
 */
export async function runContract(options) {
  const session = await startReplay(options);
  /** @type {ContractResult[]} */
  const results = [];
  try {
    for (const s of collectScenarios(options.spec).filter(options.only ?? (() => true))) {
      const result = await session.replay(s);
      results.push(result);
      options.onResult?.(result);
    }
  } finally {
    await session.close();
  }
  return { results, mockViolations: session.mockViolations(), requests: session.requests() };
}

/**
 * Replays one scenario.
 * @param {Scenario} s
 * @param {{
 *   packages: Record<string, PackageModule>, validate: ReturnType<typeof createResponseValidator>,
 *   mock: import("@allmhub/mock-gateway").MockGateway | null, baseUrl: string, credentials: Record<string, string | undefined>,
 * }} context
 * @returns {Promise<ContractResult>}
 */
async function replayScenario(s, { packages, validate, mock, baseUrl, credentials }) {
  const started = Date.now();
  /** @type {ContractResult} */
  const result = {
    package: s.package,
    operationId: s.operationId,
    example: s.name,
    source: s.source,
    outcome: "pass",
    detail: "",
    ms: 0,
  };
  try {
    const mod = packages[s.package];
    if (!mod) throw new Error(`no client package for ${s.package}`);
    const entry = mod.catalog.find((e) => e.operationId === s.operationId);
    if (!entry) throw new Error(`@allmhub/${s.package} has no method for ${s.operationId}: regenerate the package`);
    const client = mod.createClient({ ...credentials, baseUrl, maxRetries: 0 });
    const body = s.bodyMedia === "multipart/form-data" ? withFiles(s.body) : s.body;
    /** @type {Record<string, string>} */
    const prefer = mock ? { [PREFER_HEADER]: `example=${encodeURIComponent(s.expected?.name ?? s.name)}` } : {};
    const { args, options } = callArguments(entry, s, body, prefer);
    const methodName = s.stream ? entry.stream : entry.call;
    if (!methodName) throw new Error(`${s.operationId} has no ${s.stream ? "stream" : "plain"} method`);
    const failure = s.expected && !s.stream ? envelopeFailure(s.envelope, s.expected.value) : null;
    let answer;
    try {
      answer = await client[methodName](...args, options);
    } catch (err) {
      // A documented failure envelope (HTTP 200) must surface as the SDK's EnvelopeError.
      if (failure && err instanceof Error && err.name === "EnvelopeError") {
        result.detail = `documented failure envelope, raised as EnvelopeError (${failure})`;
        result.ms = Date.now() - started;
        return result;
      }
      throw err;
    }
    if (failure) throw new Error(`the documented failure envelope (${failure}) did not raise EnvelopeError`);
    const problems = s.stream
      ? await checkStream(s, /** @type {AsyncIterable<unknown>} */ (answer), validate, Boolean(mock))
      : answer instanceof Blob
        ? await checkBinary(s, answer, Boolean(mock))
        : checkJson(s, answer, validate, Boolean(mock));
    if (problems.length) {
      result.outcome = "fail";
      result.detail = problems.slice(0, 4).join("; ");
    } else {
      result.detail = s.stream ? "stream replayed, every event valid" : "documented answer, valid";
    }
  } catch (err) {
    result.outcome = "fail";
    result.detail = describeError(err);
  }
  result.ms = Date.now() - started;
  return result;
}

/**
 * The arguments of a scenario's call in the SDK's call shape: the path parameters in path order, then the
 * body (its `x-extra-fields` go in the option `extraBody`) or the query object, then the call options (the
 * example's header parameters, and its query parameters when the operation also takes a body).
 * @param {CatalogEntry} entry
 * @param {Scenario} s
 * @param {unknown} body
 * @param {Record<string, string>} headers
 * @returns {{ args: unknown[], options: Record<string, unknown> }}
 */
export function callArguments(entry, s, body, headers) {
  const args = entry.pathParams.map((name) => s.params?.path?.[name]);
  /** @type {Record<string, unknown>} */
  const options = { headers: { ...s.params?.header, ...headers } };
  if (entry.input === "body") {
    args.push(
      s.extraFields
        ? Object.fromEntries(Object.entries(/** @type {object} */ (body)).filter(([k]) => !s.extraFields?.includes(k)))
        : body,
    );
    if (s.extraFields)
      options.extraBody = Object.fromEntries(
        Object.entries(/** @type {object} */ (body)).filter(([k]) => s.extraFields?.includes(k)),
      );
    if (s.params?.query) options.query = s.params.query;
  } else if (entry.input === "query") args.push(s.params?.query ?? {});
  return { args, options };
}

/**
 * @param {Scenario} s
 * @param {unknown} answer
 * @param {ReturnType<typeof createResponseValidator>} validate
 * @param {boolean} exact
 */
function checkJson(s, answer, validate, exact) {
  const problems = [];
  if (!s.expected) return ["the spec documents no answer for this operation"];
  if (s.expected.media === "application/json") {
    // The schema describes the answer as sent: validate the documented envelope when the SDK unwrapped it.
    const sent = s.envelope && DATA_ENVELOPES.includes(s.envelope) ? s.expected.value : answer;
    problems.push(
      ...validate({ path: s.path, method: s.method, status: s.expected.status, media: s.expected.media }, sent).map(
        (p) => `schema: ${p}`,
      ),
    );
  }
  const documented =
    s.envelope && DATA_ENVELOPES.includes(s.envelope) ? /** @type {any} */ (s.expected.value)?.data : s.expected.value;
  if (exact && !isDeepStrictEqual(answer, documented))
    problems.push("the client's answer differs from the documented example");
  return problems;
}

/**
 * A binary answer (speech, video content) must come back as bytes of the documented media type.
 * @param {Scenario} s
 * @param {Blob} blob
 * @param {boolean} exact
 */
async function checkBinary(s, blob, exact) {
  const problems = [];
  if (!s.expected) return ["the spec documents no answer for this operation"];
  if (blob.type.split(";")[0] !== s.expected.media)
    problems.push(`answer type ${blob.type} is not ${s.expected.media}`);
  if (exact && typeof s.expected.value === "string" && (await blob.text()) !== s.expected.value)
    problems.push("the bytes differ from the documented example");
  return problems;
}

/**
 * @param {Scenario} s
 * @param {AsyncIterable<unknown>} stream
 * @param {ReturnType<typeof createResponseValidator>} validate
 * @param {boolean} exact
 */
async function checkStream(s, stream, validate, exact) {
  const problems = [];
  const events = [];
  for await (const event of stream) events.push(event);
  if (events.length === 0) problems.push("the stream carried no event");
  events.forEach((e, i) => {
    const where = {
      path: s.path,
      method: s.method,
      status: s.expected?.status ?? "200",
      media: "text/event-stream",
      item: true,
    };
    for (const p of validate(where, e)) problems.push(`event ${i}: ${p}`);
  });
  if (exact && s.expected && typeof s.expected.value === "string") {
    const documented = await documentedEvents(s.expected.value);
    if (!isDeepStrictEqual(events, documented))
      problems.push(`the client's ${events.length} events differ from the ${documented.length} documented ones`);
  }
  return problems;
}

/**
 * The JSON events of a documented `.sse` example, decoded the way a client should (ending at `[DONE]`).
 * @param {string} text
 */
export async function documentedEvents(text) {
  const bytes = new TextEncoder().encode(text);
  const body = new ReadableStream({
    start(c) {
      c.enqueue(bytes);
      c.close();
    },
  });
  const out = [];
  for await (const e of decodeServerSentEvents(body)) {
    if (e.data.trim() === "[DONE]") break;
    if (e.data.trim() === "") continue;
    out.push(JSON.parse(e.data));
  }
  return out;
}

/**
 * Multipart examples write files as `"<binary name>"` (or `"<file>"`): replay them as real files so the request is
 * sent as multipart/form-data, as a user's upload would be.
 * @param {unknown} body
 */
export function withFiles(body) {
  if (!body || typeof body !== "object") return body;
  const toFile = (/** @type {unknown} */ v) => {
    const m = typeof v === "string" ? /^<(?:binary|file)\s*([^>]*)>$/.exec(v.trim()) : null;
    if (!m) return v;
    const name = (m[1] ?? "").trim() || "file.bin";
    return new File([new TextEncoder().encode(`example file ${name}`)], name);
  };
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? v.map(toFile) : toFile(v)]));
}

/** @param {unknown} err */
function describeError(err) {
  if (err && typeof err === "object" && "status" in err && "message" in err) {
    return `HTTP ${/** @type {any} */ (err).status}: ${/** @type {any} */ (err).message}`;
  }
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
