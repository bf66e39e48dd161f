import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Packing, installing from the registry (or the npm cache) and running attw take a while on 2 cores.
    testTimeout: 120_000,
    hookTimeout: 600_000,
    reporters: ["default", "json"],
    outputFile: { json: ".reports/vitest.json" },
  },
});
