// OpenAI's own examples (x-oaiMeta of its OpenAPI document, extracted to spec/reference/openai.json) replayed
// like the documented ones: each request goes through the generated client (body-first methods) or a raw
// fetch (methods with path parameters, routes the spec lacks) to the mock gateway, which validates it against
// the spec and answers with OpenAI's answer example; that answer must be valid against the spec's schema.
//
// An example the spec rejects fails, unless it is a deliberate exception (spec/reference/fidelity-exceptions.yaml,
// kind `example`) or a known spec bug being fixed (spec/reference/fidelity-floors.json, vendorExamples.rejected).
// FIDELITY_UPDATE=1 rewrites that list from this run (node spec/fidelity/update-floors.mjs does it).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockGateway, PREFER_HEADER } from "@allmhub/mock-gateway";
import { MOCK_API_KEY, createSchemaChecker, loadPackages, withFiles } from "../src/index.mjs";
import { TARGETS, loadExceptions, loadFloors, writeFloors } from "@allmhub/spec/fidelity/index.mjs";

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@allmhub/spec/dist/openapi.json"), "utf8"));
const openai = JSON.parse(readFileSync(require.resolve("@allmhub/spec/reference/openai.json"), "utf8"));
const UPDATE = process.env.FIDELITY_UPDATE === "1";

type Example = {
  operationId: string;
  title: string;
  request: {
    path: string | null;
    method?: string;
    query?: Record<string, string>;
    media: string | null;
    body: any;
  } | null;
  response: { media: string; body?: any; events?: any[] } | null;
  notes: string[];
};
type Target = { key: string; method: string; path: string; vendor: string; vendorOperation: string };
type Outcome = { request: string | null; answer: string | null; side: "answer" | "events"; notes: string[] };

const examples: Example[] = openai.examples;
const targets: Target[] = TARGETS.filter((t: Target) => t.vendor === "openai");
const exceptions: Array<{ operation: string; side: string; path: string; kind?: string; reason: string }> =
  loadExceptions().filter((e: { kind?: string }) => e.kind === "example");
const floors = loadFloors();
const known = new Set<string>(floors.vendorExamples.rejected);
const checker = createSchemaChecker(spec);
const nameOf = (e: Example) => `${e.operationId} › ${e.title}`;
const targetOf = (e: Example) => targets.find((t) => t.vendorOperation === e.operationId);
const replayable = examples.filter((e) => e.request?.path && targetOf(e));
const outcomes = new Map<string, Outcome>();

/** The spec's operation serving a path (templates matched segment by segment). */
function specOperation(method: string, path: string): { template: string; op: any } | null {
  for (const [template, item] of Object.entries<any>(spec.paths)) {
    const re = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+")}$`);
    if (re.test(path) && item[method]) return { template, op: item[method] };
  }
  return null;
}

/** The answer example's name inside the mock's copy of the spec. */
const exampleName = (i: number) => `vendor-openai-${i}`;

/** A copy of the spec whose operations also document OpenAI's answers, so the mock answers with them. */
function specWithVendorAnswers() {
  const copy = structuredClone(spec);
  replayable.forEach((e, i) => {
    const found = e.request?.path ? specOperation(targetOf(e)!.method, e.request.path) : null;
    if (!found || !e.response) return;
    const op = copy.paths[found.template][targetOf(e)!.method];
    const status = Object.keys(op.responses ?? {}).find((s) => /^2/.test(s));
    const content = status ? op.responses[status].content : undefined;
    const media = content?.[e.response.media];
    if (!media) return;
    const value = e.response.events
      ? e.response.events.map((ev) => `data: ${JSON.stringify(ev)}\n\n`).join("")
      : e.response.body;
    media.examples = { ...(media.examples ?? {}), [exampleName(i)]: { value } };
  });
  return copy;
}

let mock: Awaited<ReturnType<typeof startMockGateway>>;
let packages: Record<
  string,
  {
    createClient: (o: any) => any;
    catalog: ReadonlyArray<{
      operationId: string;
      pathParams: ReadonlyArray<string>;
      input: "body" | "query" | null;
      call: string | null;
      stream: string | null;
    }>;
  }
>;

beforeAll(async () => {
  packages = await loadPackages();
  mock = await startMockGateway({ spec: specWithVendorAnswers(), apiKeys: [MOCK_API_KEY] });
}, 60_000);

afterAll(async () => {
  await mock?.close();
  const rejected = [...outcomes].flatMap(([name, o]) => [
    ...(o.request ? [`${name} › request`] : []),
    ...(o.answer ? [`${name} › ${o.side}`] : []),
  ]);
  console.log(`\nOpenAI examples replayed: ${outcomes.size}; rejected by the spec (${rejected.length}):`);
  for (const [name, o] of outcomes) {
    if (o.request) console.log(`  ${name} › request: ${o.request}`);
    if (o.answer) console.log(`  ${name} › ${o.side}: ${o.answer}`);
  }
  if (UPDATE) {
    // Deliberate exceptions stay in the exceptions file; everything else rejected is a known spec bug.
    const deliberate = new Set(exceptions.map((x) => `${x.path} › ${x.side}`));
    const next = rejected.filter((r) => !deliberate.has(r.replace(/^[^›]+› /, "")));
    writeFloors({ ...loadFloors(), vendorExamples: { rejected: next } });
    console.log(`recorded ${next.length} known rejections in spec/reference/fidelity-floors.json`);
  }
});

/**
 * Sends one example and reads what the mock and the spec make of it.
 * @returns the reason the spec rejects the request (null when accepted) and the answer's problems
 */
async function replay(e: Example, index: number): Promise<Outcome> {
  const target = targetOf(e)!;
  const request = e.request!;
  const method = target.method;
  const found = specOperation(method, request.path!);
  const streamed = request.body?.stream === true || e.response?.media === "text/event-stream";
  const side: "answer" | "events" = streamed ? "events" : "answer";
  const notes = [...e.notes];
  const headers = { [PREFER_HEADER]: `example=${exampleName(index)}` };
  const before = mock.requests.length;
  let answer: unknown;
  let events: unknown[] | null = null;
  const pkg = found?.op?.["x-package"];
  const entry = pkg ? packages[pkg]?.catalog.find((c) => c.operationId === found!.op.operationId) : undefined;
  const body = request.media === "multipart/form-data" ? withFiles(request.body) : request.body;
  try {
    if (entry && entry.pathParams.length === 0 && entry.input === "body" && (!streamed || entry.stream)) {
      notes.push(`sent with the client's ${streamed ? entry.stream : entry.call}`);
      const client = packages[pkg]!.createClient({ apiKey: MOCK_API_KEY, baseUrl: mock.url, maxRetries: 0 });
      const result = await client[(streamed ? entry.stream : entry.call)!](body, { headers });
      if (streamed) {
        events = [];
        for await (const ev of result as AsyncIterable<unknown>) events.push(ev);
      } else answer = result;
    } else {
      notes.push(
        found ? "sent with fetch (no body-first method for it)" : "sent with fetch (the spec has no such operation)",
      );
      const init: RequestInit = {
        method: method.toUpperCase(),
        headers: { authorization: `Bearer ${MOCK_API_KEY}`, ...headers },
      };
      if (request.media === "application/json") {
        init.body = JSON.stringify(request.body);
        (init.headers as Record<string, string>)["content-type"] = "application/json";
      } else if (request.media === "multipart/form-data") {
        const form = new FormData();
        for (const [k, v] of Object.entries<any>(body))
          for (const x of [v].flat()) form.append(k, x instanceof Blob ? x : String(x));
        init.body = form;
      }
      const query = request.query ? `?${new URLSearchParams(request.query)}` : "";
      const res = await fetch(`${mock.url}${request.path}${query}`, init);
      const text = await res.text();
      if (res.ok && /json/.test(res.headers.get("content-type") ?? "")) answer = JSON.parse(text);
    }
  } catch {
    /* the mock's record below says why */
  }
  const sent = mock.requests.slice(before);
  const violation = sent.find((r) => r.violation)?.violation ?? (sent.length === 0 ? "nothing was sent" : null);
  const problems: string[] = [];
  if (e.response && !violation) {
    const status = Object.keys(found?.op?.responses ?? {}).find((s) => /^2/.test(s)) ?? "200";
    const where = {
      path: found?.template ?? "",
      method,
      status,
      media: e.response.media,
      item: Boolean(e.response.events),
    };
    if (!found || !checker.schemaAt(where)) problems.push(`the spec has no ${e.response.media} answer for it`);
    else if (e.response.events) {
      e.response.events.forEach((ev, i) => {
        for (const p of checker.check(where, ev))
          problems.push(`event ${i} (${(ev as { type?: string }).type ?? "?"}): ${p.instancePath || "/"} ${p.message}`);
      });
      if (events && events.length !== e.response.events.length)
        problems.push(`the client yielded ${events.length} events, OpenAI's example has ${e.response.events.length}`);
    } else {
      for (const p of checker.check(where, e.response.body))
        problems.push(
          `${p.instancePath || "/"} ${p.message}${p.params && "additionalProperty" in p.params ? ` (${p.params.additionalProperty})` : ""}`,
        );
      if (answer !== undefined && !isDeepStrictEqual(answer, e.response.body))
        problems.push("the client's answer differs from the example it was sent");
    }
  }
  return { request: violation, answer: problems.length ? problems.slice(0, 6).join("; ") : null, side, notes };
}

describe("OpenAI's own examples (x-oaiMeta) through the generated clients, against the mock gateway", () => {
  replayable.forEach((e, index) => {
    const target = targetOf(e)!;
    it(nameOf(e), async () => {
      const o = await replay(e, index);
      outcomes.set(nameOf(e), o);
      const problems: string[] = [];
      const judge = (part: "request" | "answer" | "events", reason: string | null) => {
        const deliberate = exceptions.find((x) => x.operation === target.key && x.side === part && x.path === e.title);
        const id = `${nameOf(e)} › ${part}`;
        if (reason) {
          if (deliberate || known.has(id) || UPDATE)
            console.log(
              `${id}: rejected (${deliberate ? `deliberate: ${deliberate.reason}` : "known spec bug"}): ${reason}`,
            );
          else problems.push(`${part}: ${reason}`);
        } else if (deliberate && !UPDATE)
          problems.push(
            `${part}: the spec accepts it now: remove the stale exception from spec/reference/fidelity-exceptions.yaml`,
          );
        else if (known.has(id))
          console.log(`${id}: accepted now: drop it from the known rejections (node spec/fidelity/update-floors.mjs)`);
      };
      judge("request", o.request);
      if (!o.request) judge(o.side, o.answer);
      expect(problems).toEqual([]);
    });
  });

  it("lists the examples it cannot replay", () => {
    const skipped = examples
      .filter((e) => !replayable.includes(e))
      .map((e) => `${nameOf(e)}: ${e.request?.path ? "not a measured operation" : "no request in the example"}`);
    if (skipped.length) console.log(`not replayed:\n  ${skipped.join("\n  ")}`);
    expect(replayable.length).toBeGreaterThan(25);
  });

  it("names only existing examples in its deliberate exceptions", () => {
    for (const x of exceptions) {
      expect(
        examples.some((e) => e.title === x.path && targetOf(e)?.key === x.operation),
        `${x.operation} ${x.path}`,
      ).toBe(true);
    }
  });
});
