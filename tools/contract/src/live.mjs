// @ts-check
// The contract suite against a live gateway: safe by default, schema-validated, with a drift report.
import { deref } from "@allmhub/spec-model";
import { redactSecrets } from "@allmhub/core/internal";
import { driftFromErrors, unknownFields } from "./drift.mjs";
import { callArguments, loadPackages } from "./run.mjs";
import { collectScenarios } from "./scenarios.mjs";
import { createSchemaChecker } from "./validate.mjs";

/**
 * @typedef {import("./scenarios.mjs").Scenario} Scenario
 * @typedef {import("./drift.mjs").Drift} Drift
 * @typedef {{
 *   package: string, operationId: string, example: string, method: string, path: string,
 *   outcome: "pass" | "fail" | "skip", reason: string, status: number | null, drift: Drift[], ms: number
 * }} LiveResult
 * @typedef {{
 *   baseUrl: string, apiKey: string, accessToken?: string | undefined, userId?: string | undefined,
 *   allowPaid?: boolean, allowMutations?: boolean
 * }} LiveTarget
 */

/**
 * Reads the live target from the environment: `ALLMHUB_BASE_URL` and `ALLMHUB_API_KEY` (both needed),
 * `ALLMHUB_ACCESS_TOKEN` (and `ALLMHUB_USER_ID` for older gateways) for account APIs, `ALLMHUB_ALLOW_PAID=1` to run operations
 * that cost money, `ALLMHUB_ALLOW_MUTATIONS=1` to run ones that change the account (creating a token).
 * @param {Record<string, string | undefined>} env
 * @returns {LiveTarget | null}
 */
export function liveTargetFromEnv(env) {
  const baseUrl = env.ALLMHUB_BASE_URL?.trim();
  const apiKey = env.ALLMHUB_API_KEY?.trim();
  if (!baseUrl || !apiKey) return null;
  const yes = (/** @type {string | undefined} */ v) => v === "1" || v === "true" || v === "yes";
  return {
    baseUrl,
    apiKey,
    accessToken: env.ALLMHUB_ACCESS_TOKEN?.trim() || undefined,
    userId: env.ALLMHUB_USER_ID?.trim() || undefined,
    allowPaid: yes(env.ALLMHUB_ALLOW_PAID),
    allowMutations: yes(env.ALLMHUB_ALLOW_MUTATIONS),
  };
}

/**
 * A gateway URL as the tool prints or writes it: without credentials (`user:pass@`), query or fragment,
 * which may carry a key.
 * @param {string} url
 */
export function shownUrl(url) {
  try {
    const u = new URL(url);
    u.username = u.password = u.search = u.hash = "";
    return u.href.replace(/\/$/, "");
  } catch {
    return "(a malformed URL)";
  }
}

/**
 * Why a scenario must not run live, or null when it may. `x-live-skip` (a reason) marks operations no live
 * run may call even with the opt-ins: their examples name objects of the documenting gateway (a key id to
 * delete) or they would break the run itself (replacing its access token).
 * @param {Scenario} s
 * @param {any} op the operation object of the spec
 * @param {LiveTarget} target
 */
export function skipReason(s, op, target) {
  if (s.cost !== "free" && !target.allowPaid) return "costs money: set ALLMHUB_ALLOW_PAID=1 to run it";
  if (s.mutates && !target.allowMutations) return "changes the account: set ALLMHUB_ALLOW_MUTATIONS=1 to run it";
  if (typeof op?.["x-live-skip"] === "string") return `never run live: ${op["x-live-skip"]}`;
  const security = op?.security ?? [];
  const accountOnly = security.length > 0 && security.every((/** @type {any} */ r) => "accessToken" in r);
  if (accountOnly && !target.accessToken)
    return "account API: set ALLMHUB_ACCESS_TOKEN (and ALLMHUB_USER_ID for older gateways) to run it";
  const id = documentedId(s);
  if (id)
    return `uses the documentation's ${id.name} ${JSON.stringify(id.value)}, which does not exist on your gateway`;
  return null;
}

/** Names that carry the id of a task, request, video or key (`id`, `task_id`, `videoId`, `ids`, ...), not a model's. */
const ID_NAME = /^(ids?|.*[_-]ids?|.*[a-z]Ids?)$/i;

/**
 * The first id from the documentation a scenario would send, wherever it goes: a path or query parameter, or a
 * top-level body field (`{ ids: [...] }` of Suno and Luma fetches, `task_id` of a Midjourney action).
 * @param {Scenario} s
 * @returns {{ name: string, value: unknown } | null}
 */
export function documentedId(s) {
  const body =
    s.body && typeof s.body === "object" && !Array.isArray(s.body)
      ? /** @type {Record<string, unknown>} */ (s.body)
      : {};
  for (const values of [s.params?.path, s.params?.query, body]) {
    for (const [name, value] of Object.entries(values ?? {})) {
      const given = Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null && value !== "";
      if (ID_NAME.test(name) && given) return { name, value };
    }
  }
  return null;
}

/**
 * Runs every scenario that is safe to run against a live gateway and reports, per scenario, pass / fail /
 * skip and, for failures, where the answer differs from the spec. Answers are validated against their
 * schemas, never compared with the examples. A rejected key stops the run.
 * @param {{
 *   spec: any, target: LiveTarget, packages?: Record<string, import("./run.mjs").PackageModule>,
 *   only?: (s: Scenario) => boolean,
 *   onResult?: (r: LiveResult, index: number, total: number) => void,
 * }} options
 * @returns {Promise<{ results: LiveResult[], stoppedEarly: string | null }>}
 */
export async function runLiveContract(options) {
  const { spec, target } = options;
  const packages = options.packages ?? (await loadPackages());
  const checker = createSchemaChecker(spec);
  const scenarios = collectScenarios(spec).filter(options.only ?? (() => true));
  const secrets = [target.apiKey, target.accessToken].filter((s) => typeof s === "string" && s.length > 0);
  /** @type {LiveResult[]} */
  const results = [];
  let stoppedEarly = null;
  for (const [index, s] of scenarios.entries()) {
    const op = operationOf(spec, s);
    const started = Date.now();
    /** @type {LiveResult} */
    const result = {
      package: s.package,
      operationId: s.operationId,
      example: s.name,
      method: s.method.toUpperCase(),
      path: s.path,
      outcome: "pass",
      reason: "",
      status: null,
      drift: [],
      ms: 0,
    };
    const skip = stoppedEarly ? `not run: ${stoppedEarly}` : skipReason(s, op, target);
    if (skip) {
      result.outcome = "skip";
      result.reason = skip;
    } else {
      /** @type {Array<{ status: number, contentType: string, text: string | null }>} */
      const exchanges = [];
      const recordingFetch = async (
        /** @type {RequestInfo | URL} */ input,
        /** @type {RequestInit | undefined} */ init,
      ) => {
        const response = await fetch(input, init);
        const contentType = response.headers.get("content-type") ?? "";
        const streamed = contentType.includes("event-stream");
        exchanges.push({ status: response.status, contentType, text: streamed ? null : await response.clone().text() });
        return response;
      };
      try {
        const mod = packages[s.package];
        const entry = mod?.catalog.find((e) => e.operationId === s.operationId);
        if (!mod || !entry) throw new Error(`no SDK method for ${s.operationId}`);
        const client = mod.createClient({ ...target, fetch: recordingFetch, maxRetries: 3 });
        const { args, options } = callArguments(entry, s, s.body, {});
        const method = s.stream ? entry.stream : entry.call;
        if (!method) throw new Error(`no ${s.stream ? "stream" : "plain"} method for ${s.operationId}`);
        const answer = await client[method](...args, options);
        const last = exchanges.at(-1);
        result.status = last?.status ?? null;
        if (s.stream) {
          let i = 0;
          for await (const event of /** @type {AsyncIterable<unknown>} */ (answer)) {
            const where = {
              path: s.path,
              method: s.method,
              status: String(last?.status ?? 200),
              media: "text/event-stream",
              item: true,
            };
            result.drift.push(
              ...driftFromErrors(checker.closestErrors(where, event)).map((d) => ({
                ...d,
                path: `/events/${i}${d.path}`,
              })),
            );
            i++;
          }
          if (i === 0) result.drift.push({ kind: "other", path: "/events", detail: "the stream carried no event" });
        } else if (last && last.text !== null && /json/.test(last.contentType)) {
          const where = { path: s.path, method: s.method, status: String(last.status), media: "application/json" };
          const body = JSON.parse(last.text);
          if (checker.schemaAt(where) === undefined)
            result.drift.push({
              kind: "undocumented-status",
              path: "",
              detail: `HTTP ${last.status} with JSON is not documented`,
            });
          else {
            result.drift.push(...driftFromErrors(checker.closestErrors(where, body)));
            result.drift.push(...unknownFields(spec, checker.schemaAt(where), body));
          }
        }
      } catch (err) {
        const last = exchanges.at(-1);
        result.status = last?.status ?? null;
        const status = last?.status;
        if (status && !(String(status) in (op?.responses ?? {}))) {
          result.drift.push({
            kind: "undocumented-status",
            path: "",
            detail: `HTTP ${status} is not among the documented answers`,
          });
        }
        result.outcome = "fail";
        result.reason = describe(err);
        if (
          status === 401 ||
          status === 403 ||
          /AuthenticationError|PermissionDenied/.test(String(/** @type {any} */ (err)?.name))
        ) {
          if (!result.reason.includes("account") && sendsApiKey(op))
            stoppedEarly = `the gateway rejected the key (HTTP ${status})`;
        }
      }
      const differences = result.drift.filter((d) => d.kind !== "unknown-field");
      if (result.outcome === "pass" && differences.length) {
        result.outcome = "fail";
        // The console line names where: the first fields that differ.
        const where = differences.slice(0, 3).map((d) => `${d.kind} at ${d.path || "/"}`);
        result.reason = `the answer differs from the spec: ${where.join(", ")}${differences.length > 3 ? `, and ${differences.length - 3} more` : ""}`;
      } else if (result.outcome === "pass") {
        result.reason = result.drift.length
          ? `valid; ${result.drift.length} field(s) the spec does not declare`
          : "valid against the spec";
      }
    }
    result.ms = Date.now() - started;
    const safe = redactSecrets(result, secrets);
    results.push(safe);
    options.onResult?.(safe, index, scenarios.length);
  }
  return { results, stoppedEarly };
}

/**
 * Whether a call of the operation carries the API key: not when it lists only access-token or empty
 * (public) requirements, so that a public or account route's 401 does not stop the run as a rejected key.
 * @param {any} op
 */
function sendsApiKey(op) {
  if (!Array.isArray(op?.security)) return true;
  return op.security.some((/** @type {any} */ r) =>
    ["bearerAuth", "anthropicApiKey", "googleApiKey", "googleApiKeyQuery"].some((k) => k in r),
  );
}

/**
 * @param {any} spec
 * @param {Scenario} s
 */
function operationOf(spec, s) {
  return deref(spec, spec.paths?.[s.path])?.[s.method];
}

/** @param {unknown} err */
function describe(err) {
  if (err && typeof err === "object" && "message" in err)
    return `${/** @type {any} */ (err).name ?? "Error"}: ${/** @type {any} */ (err).message}`;
  return String(err);
}

/**
 * The readable summary of a live run (Markdown): counts, then one line per scenario, then the drift.
 * @param {LiveResult[]} results
 * @param {{ baseUrl: string, stoppedEarly: string | null }} info
 */
export function formatLiveSummary(results, info) {
  const count = (/** @type {string} */ o) => results.filter((r) => r.outcome === o).length;
  const lines = [
    `# Live contract run against ${shownUrl(info.baseUrl)}`,
    "",
    `${count("pass")} passed, ${count("fail")} failed, ${count("skip")} skipped`,
    ...(info.stoppedEarly ? ["", `Stopped early: ${info.stoppedEarly}.`] : []),
    "",
    "| result | package | operation | example | status | reason |",
    "|---|---|---|---|---|---|",
    ...results.map(
      (r) =>
        `| ${r.outcome} | ${r.package} | ${r.operationId} | ${r.example} | ${r.status ?? ""} | ${r.reason.replace(/\|/g, "\\|")} |`,
    ),
  ];
  const drifted = results.filter((r) => r.drift.length);
  if (drifted.length) {
    lines.push("", "## Where the gateway differs from the spec", "");
    for (const r of drifted) {
      lines.push(`### ${r.operationId} (${r.example})`, "");
      for (const d of r.drift) lines.push(`- ${d.kind} at \`${d.path || "/"}\`: ${d.detail}`);
      lines.push("");
    }
  }
  return lines.join("\n");
}
