import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { spectral } from "@allmhub/codegen";

type Finding = { code: string; path: Array<string | number>; message: string };

const fixture = fileURLToPath(new URL("./fixtures/rule-violations.yaml", import.meta.url));
let findings: Finding[] = [];

const at = (code: string, operationPath: string) =>
  findings.filter((f) => f.code === code && f.path.join("/").startsWith(`paths/${operationPath}`));

beforeAll(async () => {
  findings = await spectral(fixture);
}, 60_000);

describe("project Spectral rules: each fires on the fixture that breaks it", () => {
  it("operationId must be camelCase", () => {
    expect(at("allmhub-operation-id-camel-case", "/snake")).toHaveLength(1);
  });
  it("operationId must be unique (spectral:oas)", () => {
    expect(findings.filter((f) => f.code === "operation-operationId-unique").length).toBeGreaterThanOrEqual(1);
  });
  it("every operation names its package", () => {
    expect(at("allmhub-operation-package", "/no-package").length).toBeGreaterThanOrEqual(1);
    expect(at("allmhub-operation-package", "/bad-package")).toHaveLength(1);
  });
  it("every operation says whether it costs money", () => {
    expect(at("allmhub-operation-cost", "/no-cost").length).toBeGreaterThanOrEqual(1);
    expect(
      findings
        .filter((f) => f.code === "allmhub-operation-cost")
        .every((f) => f.path.join("/").startsWith("paths//no-cost")),
    ).toBe(true);
  });
  it("every operation names its documentation pages", () => {
    expect(at("allmhub-operation-doc-pages", "/no-pages").length).toBeGreaterThanOrEqual(1);
  });
  it("a request body needs an example", () => {
    expect(at("allmhub-request-example", "/no-request-example")).toHaveLength(1);
  });
  it("a success response needs an example", () => {
    expect(at("allmhub-response-example", "/no-response-example")).toHaveLength(1);
  });
  it("an example names its page or says it was written", () => {
    expect(at("allmhub-example-source", "/unsourced-example")).toHaveLength(1);
  });
  it("parameters use the styles the SDK serializes: simple path values, form-style exploded query values", () => {
    const hits = at("allmhub-parameter-style", "/parameter-styles/{id}");
    expect(hits.map((f) => f.message).sort()).toEqual([
      'Path parameter "id" must use the simple style.',
      'Query parameter "filter" must be a primitive or an array of primitives.',
      'Query parameter "filter" must use the form style.',
      'Query parameter "ids" must be exploded (repeated name=value pairs).',
    ]);
  });
  it("a component schema carries x-doc-name or x-undocumented", () => {
    const hits = findings.filter((f) => f.code === "allmhub-schema-doc-name");
    expect(hits.map((f) => f.path.join("/"))).toEqual(["components/schemas/Undocumented"]);
  });
  it("the exemption of documented unrouted schemas is narrow: an unused schema elsewhere still warns", () => {
    const unused = findings.filter((f) => f.code === "oas3-unused-component").map((f) => f.path.join("/"));
    expect(unused).toContain("components/schemas/MidjourneyDiscordAccount");
  });
  it("operations that follow the rules raise nothing of ours", () => {
    const onDuplicates = (f: Finding) => f.path.join("/").startsWith("paths//duplicate");
    // The same paths do carry the (oas) duplicate-id finding, so the filter does look at them.
    expect(findings.some((f) => onDuplicates(f) && f.code === "operation-operationId-unique")).toBe(true);
    expect(findings.filter((f) => f.code.startsWith("allmhub-") && onDuplicates(f))).toEqual([]);
  });
});
