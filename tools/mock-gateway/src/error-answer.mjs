// @ts-check
// Error answers on request: `Prefer: code=429` gets a 429 in the operation's documented error shape, built
// from its schema when no example shows one, so that a client's error handling can be tried.
import { deref } from "@allmhub/spec-model";

/** How deep the builder follows nested schemas before it gives up on optional detail. */
const MAX_DEPTH = 8;

/**
 * The smallest value `schema` allows, with `text` in its strings: required properties (and `message` and
 * properties with examples, which say what kind of error it is), the first of `oneOf`/`anyOf`, the first
 * of `const`, `enum` or `examples`.
 * @param {any} doc the bundled spec, for references
 * @param {any} schema
 * @param {string} text
 * @param {number} [depth]
 * @returns {unknown}
 */
export function smallestValue(doc, schema, text, depth = 0) {
  const s = deref(doc, schema) ?? {};
  if (depth > MAX_DEPTH) return null;
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  if (s.allOf) {
    const parts = s.allOf.map((/** @type {any} */ part) => smallestValue(doc, part, text, depth + 1));
    return parts.every((/** @type {unknown} */ p) => p && typeof p === "object" && !Array.isArray(p))
      ? Object.assign({}, ...parts)
      : parts[0];
  }
  const choice = s.oneOf?.[0] ?? s.anyOf?.[0];
  if (choice) return smallestValue(doc, choice, text, depth + 1);
  const types = [s.type ?? (s.properties ? "object" : "string")].flat();
  const type = types.find((t) => t !== "null") ?? "null";
  if (type === "object") {
    /** @type {Record<string, unknown>} */
    const out = {};
    const properties = s.properties ?? {};
    const telling = Object.keys(properties).filter(
      (name) => name === "message" || Array.isArray(deref(doc, properties[name])?.examples),
    );
    const names = new Set([...(s.required ?? []), ...telling]);
    for (const name of names) out[name] = smallestValue(doc, properties[name] ?? {}, text, depth + 1);
    return out;
  }
  if (type === "array") return [];
  if (type === "string") return typeof s.examples?.[0] === "string" ? s.examples[0] : text;
  if (type === "integer" || type === "number") return s.minimum ?? 0;
  if (type === "boolean") return false;
  return null;
}
