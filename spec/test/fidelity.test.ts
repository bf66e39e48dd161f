import { beforeAll, describe, expect, it } from "vitest";
import { formatTable, measure, runFidelity, TARGETS, loadReference } from "../fidelity/index.mjs";

type Run = ReturnType<typeof runFidelity>;
type SideResult = Run["report"]["operations"][number]["sides"][number];

let run: Run;

beforeAll(() => {
  run = runFidelity({ write: true });
  console.log(formatTable(run.report, run.floors));
  console.log(
    `\nbelow the goal of ${run.floors.goal * 100}% (${run.belowGoal.length}):\n  ${run.belowGoal.join("\n  ")}`,
  );
  console.log(`\ndeliberate exceptions (${run.report.exceptions.applied.length}):`);
  for (const e of run.report.exceptions.applied)
    console.log(`  ${e.operation} ${e.side} ${e.path} (${e.kind}): ${e.reason}`);
  const violations = run.report.operations.flatMap((op) =>
    op.sides.flatMap((s) => (s.required?.violations ?? []).map((v) => `${op.key} ${s.side} ${v.path}: ${v.why}`)),
  );
  console.log(
    `\nanswer fields required against the vendor's word (${violations.length}):\n  ${violations.join("\n  ")}`,
  );
  const notNullable = run.report.operations.flatMap((op) =>
    op.sides.flatMap((s) => (s.newApi?.notNullable ?? []).map((p) => `${op.key} ${s.side} ${p}`)),
  );
  console.log(
    `\nanswer fields new-api may write as null that the spec types without null (${notNullable.length}, reported only):\n  ${notNullable.join("\n  ")}`,
  );
  console.log("\nfull figures (missing fields, type mismatches, fields new-api may omit): spec/.reports/fidelity.json");
}, 60_000);

describe("fidelity: the spec against the vendors' descriptions and new-api's structs (spec/reference)", () => {
  it("measures every relayed operation of issue #19", () => {
    const keys = run.report.operations.map((o) => o.key);
    for (const k of [
      "POST /v1/chat/completions",
      "POST /v1/responses",
      "POST /v1/completions",
      "POST /v1/embeddings",
      "POST /v1/moderations",
      "POST /v1/images/generations",
      "POST /v1/images/edits",
      "POST /v1/audio/speech",
      "POST /v1/audio/transcriptions",
      "POST /v1/audio/translations",
      "POST /v1/videos",
      "GET /v1/models",
      "POST /v1/messages",
      "POST /v1beta/models/{model}:generateContent",
      "POST /v1beta/models/{model}:streamGenerateContent",
      "POST /v1beta/models/{model}:embedContent",
      "POST /v1beta/models/{model}:batchEmbedContents",
      "GET /v1beta/models",
    ]) {
      expect(keys).toContain(k);
    }
    for (const op of run.report.operations)
      for (const s of op.sides) expect(s.vendor.total, `${op.key} ${s.side} counts no vendor field`).toBeGreaterThan(0);
  });

  it("does not fall below the recorded floors, nor require a new answer field against the vendor's word", () => {
    expect(run.failures.filter((f) => !f.startsWith("stale exception"))).toEqual([]);
  });

  it("has no stale exception (a field the vendor no longer defines, or the spec now has)", () => {
    expect(run.report.exceptions.stale).toEqual([]);
    expect(run.failures.filter((f) => f.startsWith("stale exception"))).toEqual([]);
  });

  it("gives every exception a reason, and names only measured operations", () => {
    const keys = new Set(TARGETS.map((t: { key: string }) => t.key));
    for (const e of run.exceptions) {
      expect(keys.has(e.operation ?? ""), `${e.operation} is not a measured operation`).toBe(true);
      expect((e.reason ?? "").trim().length).toBeGreaterThan(10);
    }
  });
});

describe("fidelity: the counting itself", () => {
  const reference = loadReference();
  const op = (schema: any, extra: Record<string, any> = {}) => ({
    openapi: "3.1.0",
    paths: {
      "/v1/embeddings": {
        post: {
          operationId: "createEmbedding",
          requestBody: { content: { "application/json": { schema } } },
          responses: { "200": { content: { "application/json": { schema: { type: "object", properties: {} } } } } },
        },
      },
    },
    components: { schemas: extra },
  });
  const embeddings = TARGETS.filter((t: { key: string }) => t.key === "POST /v1/embeddings");
  const request = (spec: any, exceptions: any[] = []) => {
    const r = measure({ spec, reference, targets: embeddings, exceptions });
    return {
      side: r.operations[0]!.sides.find((s: SideResult) => s.side === "request") as SideResult,
      stale: r.exceptions.stale,
    };
  };

  it("counts a field present once it is listed, and typed when its type accepts the vendor's", () => {
    const none = request(op({ type: "object", properties: {} })).side;
    expect(none.vendor.present).toBe(0);
    expect(none.vendor.total).toBeGreaterThanOrEqual(5);
    const some = request(
      op({ type: "object", properties: { model: { type: "string" }, dimensions: { type: "string" } } }),
    ).side;
    expect(some.vendor.present).toBe(2);
    expect(some.vendor.typed).toBe(1);
    expect(some.vendor.typeMismatches.map((m) => m.path)).toEqual(["dimensions"]);
  });

  it("resolves $ref, allOf and oneOf on the spec's side", () => {
    const spec = op(
      {
        allOf: [
          { $ref: "#/components/schemas/Base" },
          {
            oneOf: [
              { type: "object", properties: { input: {} } },
              { type: "object", properties: { user: { type: "string" } } },
            ],
          },
        ],
      },
      { Base: { type: "object", properties: { model: { type: "string" } } } },
    );
    const side = request(spec).side;
    expect(side.vendor.missing).not.toContain("model");
    expect(side.vendor.missing).not.toContain("input");
    expect(side.vendor.missing).not.toContain("user");
  });

  it("flags an answer field the spec requires and the vendor does not (unless only new-api writes it)", () => {
    const spec = op({ type: "object", properties: {} });
    (spec.paths["/v1/embeddings"].post.responses["200"].content["application/json"] as { schema: unknown }).schema = {
      type: "object",
      required: ["data", "made_up", "object"],
      properties: { data: { type: "array" }, made_up: { type: "string" }, object: { type: "string" } },
    };
    const r = measure({ spec, reference, targets: embeddings });
    const answer = r.operations[0]!.sides.find((s: SideResult) => s.side === "answer") as SideResult;
    expect(answer.required?.violations).toEqual([
      { path: "made_up", why: "required by the spec, defined by neither the vendor nor new-api" },
    ]);
  });

  it("applies an exception, and calls it stale once the spec has the field or the vendor lacks it", () => {
    const exception = {
      operation: "POST /v1/embeddings",
      side: "request",
      path: "user",
      reason: "a test exception for the counting",
    };
    const without = request(op({ type: "object", properties: {} }), [exception]);
    expect(without.side.vendor.excepted).toBe(1);
    expect(without.stale).toEqual([]);
    const withIt = request(op({ type: "object", properties: { user: { type: "string" } } }), [exception]);
    expect(withIt.stale).toHaveLength(1);
    const unknown = request(op({ type: "object", properties: {} }), [{ ...exception, path: "no_such_field" }]);
    expect(unknown.stale).toHaveLength(1);
  });
});
