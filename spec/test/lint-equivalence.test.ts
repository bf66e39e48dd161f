import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRuleset, spectral, spectralCli } from "@allmhub/codegen";
import { bundlePath } from "@allmhub/spec-model";
import { WALKED_ONCE } from "../rules/walked-once.mjs";
import { everything } from "./mutations.mjs";

// The lint step runs Spectral in process, with spectral:oas's whole-document rules walked once
// (rules/walked-once.mjs). Both must leave the findings as they were: the bundle broken in every way
// test/mutations.mjs knows is linted each way, and the findings (rule, path, message, severity, range, source,
// order) compared.

let dir = "";
let broken = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "allmhub-lint-equivalence-"));
  const doc = JSON.parse(readFileSync(bundlePath(undefined), "utf8"));
  everything(doc);
  broken = join(dir, "openapi.json");
  writeFileSync(broken, `${JSON.stringify(doc, null, 2)}\n`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the walked-once rules", () => {
  it("report what spectral:oas's own definitions report", async () => {
    // The project ruleset without the walked-once overrides: spectral:oas's rules as they come.
    const reference = join(dir, "reference-ruleset.mjs");
    writeFileSync(
      reference,
      [
        `import project from ${JSON.stringify(pathToFileURL(projectRuleset()).href)};`,
        `const rules = { ...project.rules };`,
        `for (const name of ${JSON.stringify(WALKED_ONCE)}) delete rules[name];`,
        "export default { ...project, rules };",
      ].join("\n"),
    );
    const walkedOnce = await spectral(broken);
    const asDefined = await spectral(broken, reference);
    expect(walkedOnce).toEqual(asDefined);
    const codes = new Set(walkedOnce.map((f) => f.code));
    for (const name of WALKED_ONCE) expect(codes).toContain(name);
  }, 120_000);
});

describe("Spectral in process", () => {
  it("reports what `spectral lint` reports with the same ruleset, on the bundle", async () => {
    const inProcess = await spectral(broken);
    expect(inProcess.length).toBeGreaterThan(40);
    expect(inProcess).toEqual(spectralCli(broken));
  }, 120_000);

  it("reports what `spectral lint` reports on JSON it reads as YAML, as the CLI does", async () => {
    const minified = join(dir, "minified.json");
    writeFileSync(minified, JSON.stringify(JSON.parse(readFileSync(broken, "utf8"))));
    expect(await spectral(minified)).toEqual(spectralCli(minified));
  }, 120_000);

  it("reports what `spectral lint` reports on a YAML file", async () => {
    const fixture = fileURLToPath(new URL("./fixtures/rule-violations.yaml", import.meta.url));
    expect(await spectral(fixture)).toEqual(spectralCli(fixture));
  }, 120_000);
});
