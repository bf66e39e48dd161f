import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleToObject, coverage, coverageLine } from "@allmhub/codegen";

const inventory = JSON.parse(readFileSync(new URL("../inventory/inventory.json", import.meta.url), "utf8"));
const baseline = JSON.parse(readFileSync(new URL("../inventory/coverage-baseline.json", import.meta.url), "utf8"));

let spec: any;
let c: ReturnType<typeof coverage>;

beforeAll(async () => {
  spec = await bundleToObject();
  c = coverage(spec, inventory);
  console.log(coverageLine(c));
}, 60_000);

describe("the spec against the inventory of documented endpoints and schemas", () => {
  it("does not fall below the recorded coverage", () => {
    expect(c.endpoints.covered).toBeGreaterThanOrEqual(baseline.endpoints);
    expect(c.schemas.covered).toBeGreaterThanOrEqual(baseline.schemas);
    expect(c.examples.covered).toBeGreaterThanOrEqual(baseline.examples);
  });

  it("gives every x-doc-name a name the documentation really uses", () => {
    expect(c.schemas.unknownDocNames).toEqual([]);
  });

  it("serves only documented routes (or routes of stock new-api no site documents), each from one package", () => {
    const documented = inventory.endpoints.map(
      (e: { method: string; path: string }) => `${e.method.toLowerCase()} ${e.path}`,
    );
    for (const [path, item] of Object.entries<any>(spec.paths)) {
      for (const method of ["get", "post", "put", "patch", "delete"]) {
        if (!item[method]) continue;
        const gateways = item[method]["x-gateways"];
        const gatewayOnly =
          gateways?.["new-api"] === true && Array.isArray(gateways.sites) && gateways.sites.length === 0;
        if (!gatewayOnly)
          expect(documented, `${method} ${path} is not in the inventory`).toContain(`${method} ${path}`);
        expect(["chat", "media", "tasks", "admin"]).toContain(item[method]["x-package"]);
      }
    }
  });

  it("covers the first slice of every package", () => {
    const has = (m: string, p: string) => Boolean(spec.paths[p]?.[m]);
    expect(has("post", "/v1/chat/completions")).toBe(true);
    expect(has("post", "/v1/responses")).toBe(true);
    expect(has("post", "/v1beta/models/{model}:generateContent")).toBe(true);
    expect(has("post", "/v1/images/generations")).toBe(true);
    expect(has("post", "/mj/submit/imagine")).toBe(true);
    expect(has("get", "/mj/task/{id}/fetch")).toBe(true);
    expect(has("get", "/v1/models")).toBe(true);
  });
});
