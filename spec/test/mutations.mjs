// @ts-check
// Ways to break the bundled spec, one finding kind each, for comparing what two lint setups report.
// Each mutation changes a copy of the bundle (spec/dist/openapi.json) in place.

/** @typedef {(doc: any) => void} Mutation */

/** @param {any} doc @returns {Array<[string, string, any]>} path, method and operation of every operation */
const operations = (doc) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(/** @type {Record<string, any>} */ (item))
      .filter(([, op]) => op && typeof op === "object" && typeof op.operationId === "string")
      .map(([method, op]) => /** @type {[string, string, any]} */ ([path, method, op])),
  );

/** @param {any} doc @param {string} id */
const operation = (doc, id) => {
  const found = operations(doc).find(([, , op]) => op.operationId === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found[2];
};

/** Every mutation by name. */
export const MUTATIONS = /** @type {Record<string, Mutation>} */ ({
  "wrong media example": (doc) => {
    doc.components.examples["createChatCompletion.allinone-basic.request"].value.model = 42;
  },
  "wrong schema default": (doc) => {
    doc.components.schemas.ImageUrlContentPart.properties.image_url.properties.detail.default = "huge";
  },
  "unused component": (doc) => {
    doc.components.schemas.NobodyUsesThis = { type: "object", "x-undocumented": "a mutation" };
    doc.components.responses.NobodyAnswersThis = { description: "unused" };
  },
  "missing operationId": (doc) => {
    delete operation(doc, "createChatCompletion").operationId;
  },
  "duplicate operationId": (doc) => {
    operation(doc, "createCompletion").operationId = "createChatCompletion";
  },
  "schema violation": (doc) => {
    delete doc.info.version;
    delete operation(doc, "createChatCompletion").responses["200"].description;
  },
  "parameter in the body": (doc) => {
    const [, , op] = operations(doc).find(([, , o]) => (o.parameters ?? []).length > 0) ?? [];
    op.parameters[0] = { ...op.parameters[0], in: "body" };
  },
  "no x-package": (doc) => {
    delete operation(doc, "createChatCompletion")["x-package"];
  },
  "bad x-cost": (doc) => {
    operation(doc, "createChatCompletion")["x-cost"] = "maybe";
  },
  "empty x-doc-pages": (doc) => {
    operation(doc, "createChatCompletion")["x-doc-pages"] = [];
  },
  "request body without examples": (doc) => {
    delete operation(doc, "createChatCompletion").requestBody.content["application/json"].examples;
  },
  "success without examples": (doc) => {
    const op = operation(doc, "createChatCompletion");
    for (const media of Object.values(op.responses["200"].content)) {
      delete (/** @type {any} */ (media).examples);
      delete (/** @type {any} */ (media).example);
    }
  },
  "unsourced example": (doc) => {
    const ex = doc.components.examples["createChatCompletion.allinone-basic.request"];
    delete ex["x-doc-page"];
    delete ex["x-source"];
  },
  "deepObject query parameter": (doc) => {
    const [, , op] =
      operations(doc).find(([, , o]) => (o.parameters ?? []).some((/** @type {any} */ p) => p.in === "query")) ?? [];
    const i = op.parameters.findIndex((/** @type {any} */ p) => p.in === "query");
    op.parameters[i] = { ...op.parameters[i], style: "deepObject" };
  },
  "schema without x-doc-name": (doc) => {
    const schema = doc.components.schemas.ErrorResponse;
    delete schema["x-doc-name"];
    delete schema["x-undocumented"];
  },
  "trailing slash": (doc) => {
    doc.paths["/v1/chat/completions/"] = doc.paths["/v1/chat/completions"];
    delete doc.paths["/v1/chat/completions"];
  },
  "duplicated enum entry in a shared schema": (doc) => {
    doc.components.schemas.ImageUrlContentPart.properties.image_url.properties.detail.enum.push("auto");
    doc.components.schemas.ResponseFormat.properties.type.enum.push("text");
  },
  "enum entry of the wrong type": (doc) => {
    doc.components.schemas.ResponseFormat.properties.type.enum.push(3);
  },
  "eval( in descriptions": (doc) => {
    doc.components.schemas.AccountEnvelope.description = "Calls eval(x).";
    operation(doc, "createChatCompletion").description = "eval(1)";
    // A description beside a $ref: the resolved document replaces the $ref object, description and all.
    doc.components.schemas.ResponsesRequest.properties.tool_choice.description = "eval(2)";
    doc.components.responses.Unauthorized.description = "eval(3)";
  },
  "<script in titles and descriptions": (doc) => {
    doc.components.schemas.ClaudeCacheControl.title = "<script>alert(1)</script>";
    doc.components.responses.BadRequest.description = "<script>";
    doc.tags[0].description = "<script src=x>";
  },
  "example with value and externalValue": (doc) => {
    doc.components.examples["createChatCompletion.allinone-basic.request"].externalValue = "https://example.com/x";
    const media = operation(doc, "createChatCompletion").responses["200"].content["application/json"];
    media.examples ??= {};
    media.examples.inline = { summary: "neither value nor externalValue", "x-source": "written" };
    const error = doc.components.responses.Unauthorized.content;
    /** @type {any} */ for (const m of Object.values(error))
      m.examples = { both: { value: {}, externalValue: "https://example.com/e" } };
  },
  "JSONPath corner cases": (doc) => {
    const schemas = doc.components.schemas;
    // A property named "properties" (excluded by duplicated-entry-in-enum's filter) and one named "description".
    schemas.Corner = {
      "x-undocumented": "a mutation",
      type: "object",
      properties: {
        properties: { type: "string", enum: ["a", "a"] },
        description: { type: "string", description: "eval(4)", enum: ["x", 1] },
        content: { type: "array", items: { type: "string", examples: ["plain", { summary: "no value" }] } },
        self: { $ref: "#/components/schemas/Corner" },
      },
    };
    // Used from a request body (under paths) and, through a $ref chain, from a response.
    schemas.CornerAlias = { $ref: "#/components/schemas/Corner" };
    const op = operation(doc, "createChatCompletion");
    op.requestBody.content["application/json"].schema = {
      oneOf: [op.requestBody.content["application/json"].schema, { $ref: "#/components/schemas/Corner" }],
    };
    op.responses["200"].content["application/json"].schema = { $ref: "#/components/schemas/CornerAlias" };
    // One resolved object under two keys of one object: a response used for two status codes.
    op.responses["403"] = { $ref: "#/components/responses/Unauthorized" };
    op.responses["401"] = { $ref: "#/components/responses/Unauthorized" };
  },
  "undeclared tag": (doc) => {
    operation(doc, "createChatCompletion").tags = ["NoSuchTag"];
  },
  "path parameter not declared": (doc) => {
    doc.paths["/v1/things/{thing_id}"] = {
      get: { ...operation(doc, "createChatCompletion"), operationId: "getThing" },
    };
  },
  "array without items": (doc) => {
    doc.components.schemas.AccountEnvelope.properties = {
      ...doc.components.schemas.AccountEnvelope.properties,
      list: { type: "array" },
    };
  },
  "no contact, no servers": (doc) => {
    delete doc.info.contact;
    delete doc.servers;
  },
});

/** All mutations at once, in one document. */
export const everything = (/** @type {any} */ doc) => {
  for (const mutate of Object.values(MUTATIONS)) mutate(doc);
};
