import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import spectralCore from "@stoplight/spectral-core";
import Parsers from "@stoplight/spectral-parsers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spectral, spectralCli, spectralInWorker } from "../src/index.mjs";
import { isCanonicalJson, spectralDocument } from "../src/spectral-document.mjs";
import { COPIED_FROM, unshareTop } from "../src/unshare.mjs";
import { pathShape } from "../src/zone-depth.mjs";

/** A small OpenAPI document with a few findings for spectral:oas and the project rules. */
const doc = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/things/{id}": {
      get: {
        operationId: "get_thing",
        responses: {
          "200": { $ref: "#/components/responses/Thing" },
          "404": { $ref: "#/components/responses/Thing" },
        },
      },
    },
  },
  components: {
    responses: {
      Thing: { description: "a <script> thing", content: { "application/json": { schema: { type: "array" } } } },
    },
    schemas: { Unused: { type: "string", enum: ["a", "a"] } },
  },
};

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "allmhub-spectral-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("spectralDocument", () => {
  it("reads the bundle's JSON (JSON.stringify with two spaces) with JSON.parse, anything else as the CLI does", () => {
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    expect(isCanonicalJson(text, JSON.parse(text))).toBe(true);
    expect(spectralDocument("/x/openapi.json", text).plain).toBe(true);
    expect(spectralDocument("/x/openapi.json", JSON.stringify(doc)).plain).toBe(false);
    expect(spectralDocument("/x/openapi.yaml", text).plain).toBe(false);
    // Duplicate keys (JSON.parse keeps the last, YAML reports them) and YAML merge keys are not canonical.
    const twice = '{\n  "a": 1,\n  "a": 2\n}';
    expect(isCanonicalJson(twice, JSON.parse(twice))).toBe(false);
    const merge = '{\n  "<<": {\n    "a": 1\n  }\n}';
    expect(isCanonicalJson(merge, JSON.parse(merge))).toBe(false);
  });

  it("gives a finding the range the YAML parser gives it, parsing only when asked", () => {
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    const { document } = spectralDocument("/x/openapi.json", text);
    const yaml = new spectralCore.Document(text, Parsers.Yaml, "/x/openapi.json");
    expect(document.data).toEqual(yaml.data);
    for (const path of [
      ["paths", "/things/{id}", "get"],
      ["components", "schemas", "Unused", "enum", 1],
      ["nowhere", "x"],
    ])
      expect(JSON.parse(JSON.stringify(document.getRangeForJsonPath(path, true)))).toEqual(
        yaml.getRangeForJsonPath(path, true) ?? spectralCore.Document.DEFAULT_RANGE,
      );
  });
});

describe("unshareTop", () => {
  it("copies the top levels, one copy for each place, and keeps what lies deeper", () => {
    const deep = { z: 1 };
    const shared = { deep };
    const root = { a: shared, b: shared, list: [shared] };
    const copy = unshareTop(root, 1) as typeof root;
    expect(copy).toEqual(root);
    expect(copy).not.toBe(root);
    expect(copy.a).not.toBe(shared);
    expect(copy.a).not.toBe(copy.b);
    expect(copy.a.deep).toBe(deep);
    expect(copy.list).not.toBe(root.list);
    expect(copy.list[0]).toBe(shared);
    expect((copy as Record<symbol, unknown>)[COPIED_FROM]).toBe(root);
    expect(Object.keys(copy)).toEqual(["a", "b", "list"]);
  });
});

describe("pathShape", () => {
  it("counts a JSONPath's segments and tells a deep scan", () => {
    expect(pathShape("$")).toEqual({ segments: 0, deep: false });
    expect(pathShape("$.paths[*][get,put].responses[*].links[*].server")).toEqual({ segments: 8, deep: false });
    expect(pathShape("$.definitions[?(@ && @.x[0] == ']')]")).toEqual({ segments: 2, deep: false });
    expect(pathShape("$..[description,title]").deep).toBe(true);
    expect(pathShape("$.paths[*][*]..content[*].examples[*]").deep).toBe(true);
  });
});

describe("spectral", () => {
  it("reports in process, and in a worker, what `spectral lint` reports, on JSON and YAML", async () => {
    const json = join(dir, "openapi.json");
    writeFileSync(json, `${JSON.stringify(doc, null, 2)}\n`);
    const fromCli = spectralCli(json);
    const codes = new Set(fromCli.map((f) => f.code));
    for (const code of ["duplicated-entry-in-enum", "no-script-tags-in-markdown", "allmhub-operation-id-camel-case"])
      expect(codes).toContain(code);
    expect(await spectral(json)).toEqual(fromCli);
    expect(await spectralInWorker(json)).toEqual(fromCli);
    const yaml = join(dir, "openapi.yaml");
    writeFileSync(yaml, JSON.stringify(doc));
    expect(await spectral(yaml)).toEqual(spectralCli(yaml));
  }, 120_000);

  it("fails when the ruleset cannot be loaded", async () => {
    await expect(spectralInWorker(join(dir, "openapi.json"), join(dir, "missing.mjs"))).rejects.toThrow(
      /Spectral failed/,
    );
  });
});
