// The project's Spectral ruleset: spectral:oas (recommended) plus the rules every operation of ours follows.
import { oas } from "@stoplight/spectral-rulesets";
import { casing, enumeration, pattern, schema, truthy } from "@stoplight/spectral-functions";
import {
  exampleHasSource,
  mediaTypeHasExamples,
  parameterIsSerializable,
  schemaHasDocName,
  successResponseHasExample,
  SITES,
} from "./rules/functions.mjs";
import { rulesWalkedOnce, WALKED_ONCE } from "./rules/walked-once.mjs";

const OPERATIONS = "$.paths[*][get,put,post,delete,options,head,patch,trace]";

/**
 * Documented schemas that no route of the gateway uses (the midjourney-proxy administration models
 * ALLMHUB lists). They are listed under components.schemas of openapi.yaml so the bundle keeps them, and
 * only they are exempt from oas3-unused-component.
 */
const UNROUTED_DOCUMENTED_SCHEMAS = [
  "MidjourneyDiscordAccount",
  "MidjourneySelector",
  "MidjourneySelectorOption",
  "MidjourneyAccountCreateRequest",
  "MidjourneyAccountUpdateRequest",
  "MidjourneyAccountQuery",
  "MidjourneyTaskQuery",
  "MidjourneyTaskPage",
  "MidjourneyObjectPage",
  "MidjourneyPageable",
  "MidjourneySort",
  "MidjourneyCheckActivation",
  "MidjourneyActivation",
  "MidjourneyObjectMap",
  "MidjourneyObjectMessage",
  "MidjourneyVoidMessage",
];

export default {
  extends: [[oas, "recommended"]],
  overrides: [
    {
      files: UNROUTED_DOCUMENTED_SCHEMAS.map((name) => `dist/openapi.json#/components/schemas/${name}`),
      rules: { "oas3-unused-component": "off" },
    },
  ],
  rules: {
    // spectral:oas's rules that scan the whole resolved document (where each $ref is replaced by what it names,
    // 450 thousand values for the bundle's 36 thousand), run with each shared object entered once: same
    // names, severities, messages and functions, same findings; see rules/walked-once.mjs.
    ...rulesWalkedOnce(oas, WALKED_ONCE),
    // Checked by the lint step itself (tools/codegen/src/lint-examples.mjs, same rule names): every example and
    // default against its schema, each schema compiled once. spectral:oas builds a validator per example,
    // which took two thirds of the lint step. Spectral run alone (`spectral lint dist/openapi.json`) skips them.
    "oas3-valid-media-example": "off",
    "oas3-valid-schema-example": "off",
    // spectral:oas's rule, narrowed: new-api registers a few routes with a trailing slash (a gin group plus
    // "/"), and the spec keeps them as the gateway serves them. Any other path ending in a slash still warns.
    "path-keys-no-trailing-slash": {
      description:
        "Path must not end with slash, except the gateway routes that do (/api/token/, /api/usage/token/, /jimeng/).",
      message: "Path must not end with slash.",
      severity: "warn",
      given: "$.paths",
      then: {
        field: "@key",
        function: pattern,
        functionOptions: { notMatch: "^(?!/api/token/$|/api/usage/token/$|/jimeng/$).+/$" },
      },
    },
    "allmhub-operation-id-camel-case": {
      description: "operationId is camelCase (it becomes the SDK method name).",
      severity: "error",
      given: OPERATIONS,
      then: [
        { field: "operationId", function: truthy },
        { field: "operationId", function: casing, functionOptions: { type: "camel" } },
      ],
    },
    "allmhub-operation-package": {
      description: "Every operation says which package serves it (x-package).",
      severity: "error",
      given: OPERATIONS,
      then: [
        { field: "x-package", function: truthy },
        { field: "x-package", function: enumeration, functionOptions: { values: ["chat", "media", "tasks", "admin"] } },
      ],
    },
    "allmhub-operation-cost": {
      description:
        "Every operation says whether a call costs money (x-cost: free | paid); live contract runs rely on it.",
      severity: "error",
      given: OPERATIONS,
      then: [
        { field: "x-cost", function: truthy },
        { field: "x-cost", function: enumeration, functionOptions: { values: ["free", "paid"] } },
      ],
    },
    "allmhub-operation-doc-pages": {
      description: "Every operation names the documentation pages it comes from (x-doc-pages).",
      severity: "error",
      given: OPERATIONS,
      then: [
        { field: "x-doc-pages", function: truthy },
        {
          field: "x-doc-pages",
          function: schema,
          functionOptions: {
            schema: {
              type: "array",
              minItems: 1,
              items: {
                type: "object",
                required: ["site", "title"],
                properties: {
                  site: { enum: SITES },
                  title: { type: "string", minLength: 1 },
                  url: { type: "string", pattern: "^https?://" },
                },
              },
            },
          },
        },
      ],
    },
    "allmhub-request-example": {
      description: "Every request body carries at least one documented example.",
      severity: "error",
      given: `${OPERATIONS}.requestBody.content[*]`,
      then: { function: mediaTypeHasExamples },
    },
    "allmhub-response-example": {
      description: "Every operation has a 2xx response with at least one documented example.",
      severity: "error",
      given: OPERATIONS,
      then: { function: successResponseHasExample },
    },
    "allmhub-example-source": {
      description: "Every example names the documentation page it comes from, or is marked x-source: written.",
      severity: "error",
      given: [
        `${OPERATIONS}.requestBody.content[*].examples[*]`,
        `${OPERATIONS}.responses[*].content[*].examples[*]`,
        `${OPERATIONS}.parameters[*].examples[*]`,
      ],
      then: { function: exampleHasSource },
    },
    "allmhub-parameter-style": {
      description:
        "Path parameters are simple strings or numbers; query parameters are form-style primitives or exploded arrays of them (what the SDK serializes).",
      message: "{{error}}",
      severity: "error",
      given: [`${OPERATIONS}.parameters[*]`, "$.paths[*].parameters[*]"],
      then: { function: parameterIsSerializable },
    },
    "allmhub-schema-doc-name": {
      description: "Every component schema carries x-doc-name (its documented name) or x-undocumented (why it exists).",
      severity: "error",
      given: "$.components.schemas[*]",
      then: { function: schemaHasDocName },
    },
  },
};
