// @ts-check
// The `.d.cts` twin of a `.d.ts` file, for `require`.
import { ts } from "./typescript.mjs";

/** A quoted `./….js` or `../….js`, the only text a specifier to rewrite can be (it may also be in a comment). */
const MAYBE_RELATIVE_JS = /["'`]\.\.?\/[^"'`\n]*\.js["'`]/;

/**
 * The CommonJS copy of an ESM declaration file: its relative specifiers `./x.js` become `./x.cjs`. In a
 * `"type": "module"` package a `.d.ts` file declares an ES module, so a `.d.cts` file that imported `./x.js`
 * would give `require` users ESM declarations; `./x.cjs` resolves to `x.d.cts`. The specifiers are found by
 * TypeScript's scanner (`from "…"`, `import("…")`, `import "…"`), not in comments or string types.
 * @param {string} text the `.d.ts` file's text
 * @returns {string}
 * @example
 * commonJsDeclaration('export { APIError } from "./errors.js";'); // 'export { APIError } from "./errors.cjs";'
 */
export function commonJsDeclaration(text) {
  // Most of a large file (generated/openapi.d.ts) holds no relative `.js` specifier at all: no need to scan it.
  if (!MAYBE_RELATIVE_JS.test(text)) return text;
  const specifiers = ts
    .preProcessFile(text, true, true)
    .importedFiles.filter((f) => /^\.\.?\//.test(f.fileName) && f.fileName.endsWith(".js"))
    .sort((a, b) => a.pos - b.pos);
  let copy = "";
  let done = 0;
  for (const { fileName, pos } of specifiers) {
    const start = pos + 1; // `pos` is the opening quote's
    const end = start + fileName.length;
    if (text.slice(start, end) !== fileName) throw new Error(`the specifier "${fileName}" is not at offset ${start}`);
    copy += `${text.slice(done, end - ".js".length)}.cjs`;
    done = end;
  }
  return copy + text.slice(done);
}
