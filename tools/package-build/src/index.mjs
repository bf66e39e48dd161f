// @ts-check
export { DIST, buildPackage } from "./build.mjs";
export { commonJsDeclaration, emitDeclarations } from "./declarations.mjs";
export { runTsup, tsupBin } from "./tsup.mjs";
