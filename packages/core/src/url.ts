/**
 * The URL of one operation: the path template filled in and the query string, serialized the way
 * openapi-fetch's default serializers do for the parameter styles the spec uses (path parameters in
 * `simple` style, query parameters in `form` style with exploded arrays; a Spectral rule of the spec
 * refuses any other style). `test/url.test.ts` checks both against openapi-fetch's own
 * serializers on generated inputs. Two small functions instead of openapi-fetch's serializers, which
 * handle every OpenAPI style and cost ~2.6 kB minified in every bundle.
 */

/** A `{name}` of a path template (the name in group 1). */
export const TEMPLATE_NAME: RegExp = /\{([^}]+)\}/g;

/**
 * Fills a path template: each `{name}` becomes its parameter, percent-encoded (`models/x` becomes
 * `models%2Fx`), except that the slashes of the parameters listed in `slashParams` stay path separators
 * (fal model ids such as `flux-pro/kontext`). A name without a value is left as it is.
 *
 * @example
 * fillPath("/v1beta/models/{model}:generateContent", { model: "gemini-2.5-flash" });
 * // "/v1beta/models/gemini-2.5-flash:generateContent"
 */
export function fillPath(
  template: string,
  params: Record<string, unknown> | undefined,
  slashParams?: readonly string[],
): string {
  return template.replace(TEMPLATE_NAME, (whole, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) return whole;
    const encoded = encodeURIComponent(value as string);
    // An encoded slash is `%2F` (a `%` of the value itself is `%25`).
    return slashParams?.includes(name) ? encoded.replaceAll("%2F", "/") : encoded;
  });
}

/**
 * Serializes query parameters in `form` style: `name=value` pairs joined by `&`, values percent-encoded,
 * arrays repeated (`ids=a&ids=b`), `undefined` and `null` left out. Without the leading `?`.
 * An object value (which no operation of the spec takes) throws a TypeError.
 *
 * @example
 * serializeQuery({ page_size: 20, "filter.task_ids": ["a", "b"] }); // "page_size=20&filter.task_ids=a&filter.task_ids=b"
 */
export function serializeQuery(query: Record<string, unknown> | undefined): string {
  let out = "";
  for (const name in query) {
    // An array repeats the parameter; undefined and null, alone or in the array, are left out.
    for (const item of [query[name]].flat()) {
      if (item === undefined || item === null) continue;
      if (typeof item === "object")
        throw new TypeError(`Query parameter "${name}" must be a string, number or boolean, or an array of them.`);
      out += `${out ? "&" : ""}${name}=${encodeURIComponent(item as string | number | boolean)}`;
    }
  }
  return out;
}
