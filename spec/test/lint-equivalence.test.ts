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
/** The broken bundle's findings in process, with the project ruleset. */
let inProcess: Awaited<ReturnType<typeof spectral>> = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "allmhub-lint-equivalence-"));
  const doc = JSON.parse(readFileSync(bundlePath(undefined), "utf8"));
  everything(doc);
  broken = join(dir, "openapi.json");
  writeFileSync(broken, `${JSON.stringify(doc, null, 2)}\n`);
  inProcess = await spectral(broken);
}, 300_000);

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
    expect(inProcess).toEqual(await spectral(broken, reference));
    const codes = new Set(inProcess.map((f) => f.code));
    for (const name of WALKED_ONCE) expect(codes).toContain(name);
  }, 300_000);
});

describe("Spectral in process", () => {
  it("reports what `spectral lint` reports with the same ruleset, on the bundle", async () => {
    expect(inProcess.length).toBeGreaterThan(40);
    expect(inProcess).toEqual(spectralCli(broken));
  }, 300_000);

  it("reports what `spectral lint` reports on a YAML file", async () => {
    const fixture = fileURLToPath(new URL("./fixtures/rule-violations.yaml", import.meta.url));
    expect(await spectral(fixture)).toEqual(spectralCli(fixture));
  }, 300_000);
});
