import { defineConfig } from "tsup";

// The JavaScript of the package. Its `build` script (allmhub-package-build) empties dist/ and emits the type
// declarations with TypeScript while this runs, so tsup neither cleans dist/ nor bundles declarations.
export default defineConfig({
  // The public entry and the runtime entry of generated code share their modules through chunks (in the
  // CommonJS build too), so that an error class thrown by the runtime is the one users import. Their
  // declarations share theirs the same way: both re-export from the one declaration file of each module.
  entry: ["src/index.ts", "src/internal.ts"],
  format: ["esm", "cjs"],
  splitting: true,
  clean: false,
  sourcemap: true,
  target: "node20",
});
