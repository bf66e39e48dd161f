import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { affectedPackages, findBreakingChanges, formatChanges } from "../src/index.mjs";

type Change = { package: string; operationId: string; kind: string; where: string; detail: string };

/** A small spec: one chat operation with a path parameter, a JSON body and a JSON answer, plus what `extra` adds. */
function base(): any {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "0.1.0" },
    paths: {
      "/v1/things/{id}": {
        post: {
          operationId: "createThing",
          "x-package": "chat",
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string" } },
            { name: "verbose", in: "query", schema: { type: "boolean" } },
          ],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/ThingRequest" } } },
          },
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
            },
            "400": { description: "bad" },
          },
        },
      },
      "/v1/things": {
        get: {
          operationId: "listThings",
          "x-package": "admin",
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Thing" } } },
              },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        ThingRequest: {
          type: "object",
          required: ["name"],
          properties: {
            name: { type: "string" },
            size: { type: ["integer", "string"] },
            color: { type: "string", enum: ["red", "green", "blue"] },
            tags: { type: "array", items: { type: "string" } },
            parent: { $ref: "#/components/schemas/ThingRequest" },
          },
        },
        Thing: {
          type: "object",
          required: ["id", "name", "status"],
          properties: {
            id: { type: "string" },
            name: { type: "string" },
            status: { type: "string", enum: ["queued", "done"] },
            note: { type: "string" },
            children: { type: "array", items: { $ref: "#/components/schemas/Thing" } },
          },
        },
      },
    },
  };
}

const kinds = (changes: Change[]) => changes.map((c) => `${c.operationId} ${c.kind} ${c.where}`);
const diff = (change: (s: any) => void): Change[] => {
  const next = base();
  change(next);
  return findBreakingChanges(base(), next);
};

describe("findBreakingChanges: what breaks clients", () => {
  it("finds nothing between a spec and itself (recursive schemas included)", () => {
    expect(findBreakingChanges(base(), base())).toEqual([]);
  });

  it("a removed operation, in the package that served it", () => {
    const changes = diff((s) => delete s.paths["/v1/things"]);
    expect(changes).toEqual([
      {
        package: "@allmhub/admin",
        operationId: "listThings",
        kind: "removed-operation",
        where: "GET /v1/things",
        detail: "operation removed",
      },
    ]);
    expect(affectedPackages(changes)).toEqual(["@allmhub/admin"]);
  });

  it("a renamed operationId (the SDK method is renamed) and a moved path", () => {
    expect(kinds(diff((s) => (s.paths["/v1/things"].get.operationId = "getThings")))).toEqual([
      "listThings renamed-operation GET /v1/things",
    ]);
    expect(
      kinds(
        diff((s) => {
          s.paths["/v2/things"] = s.paths["/v1/things"];
          delete s.paths["/v1/things"];
        }),
      ),
    ).toEqual(["listThings moved-operation GET /v1/things"]);
  });

  it("a removed response field, reported once per operation that returns it", () => {
    const changes = diff((s) => delete s.components.schemas.Thing.properties.note);
    expect(kinds(changes)).toEqual([
      "createThing removed-response-field POST /v1/things/{id} answer 200 application/json: note",
      "listThings removed-response-field GET /v1/things answer 200 application/json: [].note",
    ]);
    expect(affectedPackages(changes)).toEqual(["@allmhub/admin", "@allmhub/chat"]);
    expect(formatChanges(changes)[0]).toBe(
      "@allmhub/chat createThing removed-response-field: POST /v1/things/{id} answer 200 application/json: note (field removed)",
    );
  });

  it("a narrowed request type: a type dropped, number to integer, a new enum", () => {
    expect(kinds(diff((s) => (s.components.schemas.ThingRequest.properties.size.type = "integer")))).toEqual([
      "createThing narrowed-type POST /v1/things/{id} request body application/json: size",
    ]);
    expect(
      kinds(
        diff((s) => {
          s.components.schemas.ThingRequest.properties.name = { type: "string", enum: ["a", "b"] };
        }),
      ),
    ).toEqual(["createThing narrowed-type POST /v1/things/{id} request body application/json: name"]);
    const numberToInteger = base();
    numberToInteger.components.schemas.ThingRequest.properties.size.type = "number";
    const back = base();
    back.components.schemas.ThingRequest.properties.size.type = "integer";
    expect(kinds(findBreakingChanges(numberToInteger, back))).toEqual([
      "createThing narrowed-type POST /v1/things/{id} request body application/json: size",
    ]);
    expect(findBreakingChanges(back, numberToInteger)).toEqual([]);
  });

  it("removed enum values, in requests and in answers", () => {
    const changes = diff((s) => {
      s.components.schemas.ThingRequest.properties.color.enum = ["red", "green"];
      s.components.schemas.Thing.properties.status.enum = ["done"];
    });
    expect(kinds(changes)).toEqual([
      "createThing removed-enum-value POST /v1/things/{id} request body application/json: color",
      "createThing removed-enum-value POST /v1/things/{id} answer 200 application/json: status",
      "listThings removed-enum-value GET /v1/things answer 200 application/json: [].status",
    ]);
    expect(changes[0]!.detail).toBe('no longer "blue"');
  });

  it("newly required request fields and parameters", () => {
    expect(
      kinds(
        diff((s) => {
          s.components.schemas.ThingRequest.required.push("size");
          s.components.schemas.ThingRequest.properties.shape = { type: "string" };
          s.components.schemas.ThingRequest.required.push("shape");
          s.paths["/v1/things/{id}"].post.parameters[1].required = true;
          s.paths["/v1/things"].get.parameters = [
            { name: "page", in: "query", required: true, schema: { type: "integer" } },
          ];
        }),
      ).sort(),
    ).toEqual([
      "createThing new-required-request-field POST /v1/things/{id} request body application/json: shape",
      "createThing parameter-became-required POST /v1/things/{id} parameter query verbose",
      "createThing request-field-became-required POST /v1/things/{id} request body application/json: size",
      "listThings new-required-parameter GET /v1/things parameter query page",
    ]);
  });

  it("answers that promise less: an optional field, a nullable type, a removed status or media type", () => {
    expect(
      kinds(
        diff((s) => {
          s.components.schemas.Thing.required = ["id", "status"];
          s.components.schemas.Thing.properties.id.type = ["string", "null"];
        }),
      ),
    ).toEqual([
      "createThing widened-response-type POST /v1/things/{id} answer 200 application/json: id",
      "createThing response-field-became-optional POST /v1/things/{id} answer 200 application/json: name",
      "listThings widened-response-type GET /v1/things answer 200 application/json: [].id",
      "listThings response-field-became-optional GET /v1/things answer 200 application/json: [].name",
    ]);
    expect(
      kinds(diff((s) => (s.paths["/v1/things"].get.responses = { "201": s.paths["/v1/things"].get.responses["200"] }))),
    ).toEqual(["listThings removed-success-status GET /v1/things answer 200"]);
    expect(
      kinds(
        diff(
          (s) =>
            (s.paths["/v1/things"].get.responses["200"].content = { "text/plain": { schema: { type: "string" } } }),
        ),
      ),
    ).toEqual(["listThings removed-response-media-type GET /v1/things answer 200 application/json"]);
  });

  it("removed request fields, parameters and media types", () => {
    expect(
      kinds(
        diff((s) => {
          delete s.components.schemas.ThingRequest.properties.tags;
          s.paths["/v1/things/{id}"].post.parameters.pop();
        }),
      ),
    ).toEqual([
      "createThing removed-parameter POST /v1/things/{id} parameter query verbose",
      "createThing removed-request-field POST /v1/things/{id} request body application/json: tags",
    ]);
    expect(
      kinds(
        diff(
          (s) =>
            (s.paths["/v1/things/{id}"].post.requestBody.content = {
              "multipart/form-data": { schema: { type: "object" } },
            }),
        ),
      ),
    ).toEqual(["createThing removed-request-media-type POST /v1/things/{id} request body application/json"]);
  });

  it("is not breaking: added optional fields, new answer fields, new enum values in answers, new operations, wider requests", () => {
    expect(
      diff((s) => {
        s.components.schemas.ThingRequest.properties.shape = { type: "string" };
        s.components.schemas.ThingRequest.properties.color.enum.push("black");
        s.components.schemas.ThingRequest.properties.name.type = ["string", "null"];
        s.components.schemas.ThingRequest.required = [];
        s.components.schemas.Thing.properties.extra = { type: "object" };
        s.components.schemas.Thing.required.push("note");
        s.components.schemas.Thing.properties.status.enum.push("failed");
        s.paths["/v1/things"].get.parameters = [{ name: "page", in: "query", schema: { type: "integer" } }];
        s.paths["/v1/other"] = {
          delete: { operationId: "deleteOther", "x-package": "tasks", responses: { "204": { description: "gone" } } },
        };
        s.paths["/v1/things/{id}"].post.requestBody.content["multipart/form-data"] = { schema: { type: "object" } };
        s.paths["/v1/things/{id}"].post.responses["400"] = { description: "changed error answers are not compared" };
      }),
    ).toEqual([]);
  });

  it("union members: a removed member breaks, members are matched by $ref name or discriminating const", () => {
    const withUnion = (members: any[]) => {
      const s = base();
      s.components.schemas.Part = { oneOf: members, discriminator: { propertyName: "type" } };
      s.components.schemas.Thing.properties.part = { $ref: "#/components/schemas/Part" };
      return s;
    };
    const text = { type: "object", properties: { type: { const: "text" }, text: { type: "string" } } };
    const image = { type: "object", properties: { type: { const: "image" }, url: { type: "string" } } };
    expect(findBreakingChanges(withUnion([text, image]), withUnion([image, text]))).toEqual([]);
    expect(kinds(findBreakingChanges(withUnion([text, image]), withUnion([text])))).toEqual([
      "createThing removed-union-member POST /v1/things/{id} answer 200 application/json: part",
      "listThings removed-union-member GET /v1/things answer 200 application/json: [].part",
    ]);
    const noUrl = { type: "object", properties: { type: { const: "image" } } };
    expect(kinds(findBreakingChanges(withUnion([text, image]), withUnion([noUrl, text])))).toContain(
      'createThing removed-response-field POST /v1/things/{id} answer 200 application/json: part<type="image">.url',
    );
  });

  it("fields merged through allOf, and the events of a streamed answer", () => {
    const streamed = () => {
      const s = base();
      s.components.schemas.Event = {
        allOf: [{ $ref: "#/components/schemas/Thing" }, { type: "object", properties: { delta: { type: "string" } } }],
      };
      s.paths["/v1/things"].get.responses["200"].content["text/event-stream"] = {
        schema: {
          type: "string",
          contentMediaType: "text/event-stream",
          contentSchema: { $ref: "#/components/schemas/Event" },
        },
      };
      return s;
    };
    const next = streamed();
    delete next.components.schemas.Event.allOf[1].properties.delta;
    expect(kinds(findBreakingChanges(streamed(), next))).toEqual([
      "listThings removed-response-field GET /v1/things answer 200 text/event-stream: <event>.delta",
    ]);
    const moved = streamed();
    moved.components.schemas.Event = {
      type: "object",
      required: ["id", "name", "status"],
      properties: { ...moved.components.schemas.Thing.properties, delta: { type: "string" } },
    };
    expect(findBreakingChanges(streamed(), moved)).toEqual([]);
  });
});

describe("findBreakingChanges on the bundled spec", () => {
  const require = createRequire(import.meta.url);
  const spec = JSON.parse(readFileSync(require.resolve("@allmhub/spec/dist/openapi.json"), "utf8"));

  it("finds nothing between the bundled spec and itself", () => {
    expect(findBreakingChanges(spec, structuredClone(spec))).toEqual([]);
  });

  it("finds a field removed from a shared schema in every operation that returns it", () => {
    const next = structuredClone(spec);
    const [name] = Object.entries<any>(next.components.schemas).find(([, s]) => s.properties?.usage) ?? [];
    expect(name).toBeDefined();
    delete next.components.schemas[name!].properties.usage;
    const changes: Change[] = findBreakingChanges(spec, next);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.kind === "removed-response-field" || c.kind === "removed-request-field")).toBe(true);
    expect(changes.every((c) => c.where.endsWith("usage"))).toBe(true);
  });
});
