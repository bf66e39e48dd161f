import { defineConfig } from "tsup";

export default defineConfig({
  // The public entry and the runtime entry of generated code share their modules through chunks (in the
  // CommonJS build too), so that an error class thrown by the runtime is the one users import.
  entry: ["src/index.ts", "src/internal.ts"],
  format: ["esm", "cjs"],
  splitting: true,
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
});
