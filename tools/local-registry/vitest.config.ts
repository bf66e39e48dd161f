import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Publishing five packages with changesets and installing one with npm take a while on 2 busy cores.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ["default", "json"],
    outputFile: { json: ".reports/vitest.json" },
  },
});
