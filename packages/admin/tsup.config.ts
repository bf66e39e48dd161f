import { defineConfig } from "tsup";

// The JavaScript of the package. Its `build` script (allmhub-package-build) empties dist/ and emits the type
// declarations with TypeScript while this runs, so tsup neither cleans dist/ nor bundles declarations.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  clean: false,
  sourcemap: true,
  target: "node20",
});
