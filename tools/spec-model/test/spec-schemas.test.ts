import { describe, expect, it } from "vitest";
import { createSpecValidator, locate, specSchemas } from "../src/index.mjs";

/** Two answers and a request body that share `Shared`, which refers to `Leaf`; one answer is a `$ref` alone. */
function makeDoc() {
  const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/a": {
        get: { responses: { "200": json({ $ref: "#/components/schemas/Shared" }) } },
        post: {
          requestBody: json({ type: "object", properties: { shared: { $ref: "#/components/schemas/Shared" } } }),
          responses: { "200": json({ type: "array", items: { $ref: "#/components/schemas/Shared" } }) },
        },
      },
    },
    components: {
      schemas: {
        Shared: { type: "object", required: ["leaf"], properties: { leaf: { $ref: "#/components/schemas/Leaf" } } },
        Leaf: { type: "integer", minimum: 1 },
        Alias: { $ref: "#/components/schemas/Shared" },
      },
    },
  };
}

const GET_200 = "#/paths/~1a/get/responses/200/content/application~1json/schema";
const POST_200 = "#/paths/~1a/post/responses/200/content/application~1json/schema";
const POST_BODY = "#/paths/~1a/post/requestBody/content/application~1json/schema";
const SHARED = "#/components/schemas/Shared";

describe("specSchemas", () => {
  it("is one set per document object and option set", () => {
    const doc = makeDoc();
    expect(specSchemas(doc)).toBe(specSchemas(doc));
    expect(specSchemas(doc, { coerceTypes: true })).toBe(specSchemas(doc, { coerceTypes: true }));
    expect(specSchemas(doc, { coerceTypes: true })).not.toBe(specSchemas(doc));
    expect(specSchemas(makeDoc())).not.toBe(specSchemas(doc));
  });

  it("compiles a schema on its first use only", () => {
    const doc = makeDoc();
    const schemas = specSchemas(doc);
    expect(schemas.compiledTimes(SHARED)).toBe(0);
    expect(schemas.at(GET_200)).toBe(schemas.at(GET_200));
    expect(schemas.compiledTimes(SHARED)).toBe(1);
  });

  it("compiles a component that answers, request schemas and aliases share once", () => {
    const doc = makeDoc();
    const schemas = specSchemas(doc);
    const validator = createSpecValidator(doc);
    expect(validator.errors(GET_200, { leaf: 1 })).toEqual([]);
    expect(validator.errors(POST_200, [{ leaf: 0 }]).map((e) => `${e.instancePath} ${e.message}`)).toEqual([
      "/0/leaf must be >= 1",
    ]);
    expect(createSpecValidator(doc).errors("#/components/schemas/Alias", {})[0]?.message).toBe(
      "must have required property 'leaf'",
    );
    const built = schemas.compile("body", () => ({
      type: "object",
      properties: { requestBody: { $ref: schemas.ref(POST_BODY) } },
    }));
    expect(built({ requestBody: { shared: { leaf: "x" } } })).toBe(false);
    expect(built.errors?.map((e) => e.instancePath)).toEqual(["/requestBody/shared/leaf"]);
    expect(schemas.compiledTimes(SHARED)).toBe(1);
  });

  it("builds a schema once per key", () => {
    const schemas = specSchemas(makeDoc());
    let builds = 0;
    const build = () => {
      builds++;
      return { $ref: schemas.ref(SHARED) };
    };
    expect(schemas.compile("k", build)).toBe(schemas.compile("k", build));
    expect(builds).toBe(1);
  });

  it("coerces types only when asked to", () => {
    const doc = makeDoc();
    const plain = specSchemas(doc).compile("q", () => ({ properties: { n: { $ref: "#/components/schemas/Leaf" } } }));
    const coercing = specSchemas(doc, { coerceTypes: true }).compile("q", () => ({
      properties: { n: { $ref: "#/components/schemas/Leaf" } },
    }));
    expect(plain({ n: "2" })).toBe(false);
    const data = { n: "2" };
    expect(coercing(data)).toBe(true);
    expect(data.n).toBe(2);
  });

  it("refers to a schema where it is, following references", () => {
    const schemas = specSchemas(makeDoc());
    expect(schemas.ref("#/components/schemas/Alias")).toBe(SHARED);
    expect(schemas.ref(GET_200)).toBe(SHARED);
    expect(schemas.ref(POST_200)).toBe(POST_200);
  });
});

describe("locate", () => {
  it("follows references to the node and says where it is", () => {
    const doc = makeDoc();
    expect(locate(doc, "#/components/schemas/Alias")).toEqual({ node: doc.components.schemas.Shared, pointer: SHARED });
    expect(locate(doc, "#/components/schemas/Leaf").pointer).toBe("#/components/schemas/Leaf");
    expect(locate(doc, "#/nowhere")).toEqual({ node: undefined, pointer: "#/nowhere" });
  });
});
