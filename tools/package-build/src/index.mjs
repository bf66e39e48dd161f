// @ts-check
export { DIST, buildPackage } from "./build.mjs";
export { readBuildConfig } from "./build-config.mjs";
export { commonJsChunk } from "./commonjs-chunks.mjs";
export { commonJsDeclaration } from "./commonjs-declaration.mjs";
export { declarationOf, emitDeclarations } from "./declarations.mjs";
export { TARGET, buildJavaScript, esbuildOptions } from "./javascript.mjs";
export { codeCachePath, loadTypeScript } from "./load-typescript.mjs";
export { readManifest } from "./manifest.mjs";
export { withoutStandIns } from "./stand-ins.mjs";
export { saveCodeCache } from "./typescript.mjs";
