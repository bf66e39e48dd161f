// @ts-check
// CommonJS files that share modules. esbuild splits ES modules only, so a package with several entry points
// is built as ES modules named `.cjs` (entries and shared chunks), and each file is then turned into CommonJS
// on its own: its `import … from "./chunk-X.cjs"` becomes `require("./chunk-X.cjs")`, so that every entry
// loads the one copy of each shared module (an error class the runtime throws is the one users import).
import { transform } from "esbuild";

/**
 * One output file of such a split build, as CommonJS.
 * @param {string} code the ES module
 * @param {string} map its source map (to the sources)
 * @param {string} fileName its name, for the source map
 * @param {string} target esbuild's target (`node20`)
 * @returns {Promise<{ code: string, map: string }>} the CommonJS module and its source map, still to the sources
 */
export async function commonJsChunk(code, map, fileName, target) {
  // esbuild reads an inline source map of its input and maps its output through it.
  const inline = `//# sourceMappingURL=data:application/json;base64,${Buffer.from(map).toString("base64")}\n`;
  const result = await transform(code + inline, {
    format: "cjs",
    platform: "node", // annotates the export names for Node's ESM import of CommonJS
    target,
    sourcemap: "external",
    sourcefile: fileName,
    logLevel: "silent",
  });
  return { code: result.code, map: result.map };
}
