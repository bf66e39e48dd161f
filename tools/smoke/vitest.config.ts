import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Starting a runtime (Chromium above all) takes a few seconds on 2 busy cores.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    reporters: ["default", "json"],
    outputFile: { json: ".reports/vitest.json" },
  },
});
