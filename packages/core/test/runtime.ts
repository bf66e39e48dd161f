// Everything core exports, public and internal, for the tests.
export * from "../src/index.js";
export * from "../src/internal.js";
