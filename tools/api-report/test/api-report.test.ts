// The committed API reports (packages/<name>/api.md) describe the packages' current public surface.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "@allmhub/spec-model";
import { describe, expect, it } from "vitest";
import { apiReports } from "../src/index.mjs";

const reports = apiReports(repoRoot());

describe("API reports", () => {
  it("cover every published package", () => {
    expect(reports.map((r) => r.name).sort()).toEqual([
      "@allmhub/admin",
      "@allmhub/chat",
      "@allmhub/core",
      "@allmhub/media",
      "@allmhub/tasks",
    ]);
  });

  it.each(reports.map((r) => [r.name, r] as const))(
    "%s: api.md is up to date (run `npx pnpm@10.34.9 api-report` after a deliberate change)",
    (_name, r) => {
      const file = join(r.dir, "api.md");
      expect(existsSync(file), `${file} is missing`).toBe(true);
      expect(readFileSync(file, "utf8")).toBe(r.report);
    },
  );

  it("show core's public entry without the runtime internals, and each feature package's factory and methods", () => {
    const core = reports.find((r) => r.name === "@allmhub/core")!.report;
    for (const name of ["APIError", "Stream", "toFile", "RequestOptions", "ClientOptions"])
      expect(core).toContain(`### ${name}\n`);
    for (const name of ["bindOperations", "createGatewayClient", "fillPath", "readEnv"])
      expect(core).not.toContain(`### ${name}\n`);
    const chat = reports.find((r) => r.name === "@allmhub/chat")!.report;
    expect(chat).toContain("function createChatClient(options?: ClientOptions): ChatClient;");
    expect(chat).toMatch(
      /generateContent\(model: GenerateContentPath\["model"\], body: GenerateContentBody, options\?: RequestOptions\): Promise<GenerateContentResult>;/,
    );
  });
});
