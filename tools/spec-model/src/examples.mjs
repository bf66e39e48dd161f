// @ts-check
// Documented examples: which one answers a call, where each came from, and whether it is a failure envelope.

/**
 * An example of a media type by name, or its first one when no name is given (then `example` too).
 * @param {any} media an OpenAPI media type object
 * @param {string | undefined} name
 * @returns {{ name: string, value: unknown } | undefined}
 */
export function pickExample(media, name) {
  const examples = media?.examples ?? {};
  if (name !== undefined) return name in examples ? { name, value: examples[name].value } : undefined;
  const first = Object.keys(examples)[0];
  if (first !== undefined) return { name: first, value: examples[first].value };
  if (media?.example !== undefined) return { name: "example", value: media.example };
  return undefined;
}

/**
 * Where an example came from: `site: page title`, "written by the team", or "".
 * @param {any} example
 * @returns {string}
 */
export function exampleSource(example) {
  const page = example?.["x-doc-page"];
  if (page) return `${page.site}: ${page.title}`;
  if (example?.["x-source"] === "written") return "written by the team";
  return "";
}

/** Midjourney codes of an accepted submission: submitted, already exists, queued. */
export const MIDJOURNEY_ACCEPTED_CODES = [1, 21, 22];

/**
 * Describes a documented answer that is a failure envelope (`code 24`, `success false`), or null when it
 * is a success or the operation has no envelope. The same rule as the SDK's envelope checks.
 * @param {string | null | undefined} envelope the operation's `x-envelope`
 * @param {any} value
 * @returns {string | null}
 */
export function envelopeFailure(envelope, value) {
  if (!envelope || !value || typeof value !== "object") return null;
  if (envelope === "midjourney") return MIDJOURNEY_ACCEPTED_CODES.includes(value.code) ? null : `code ${value.code}`;
  if (envelope === "account") return value.success === true ? null : `success ${value.success}`;
  if (envelope === "task-code")
    return value.code === "success" || value.code === true || value.code === 0 ? null : `code ${value.code}`;
  return null;
}

/** Envelopes whose success answer the SDK unwraps to its `data`. */
export const DATA_ENVELOPES = ["account", "task-code"];
