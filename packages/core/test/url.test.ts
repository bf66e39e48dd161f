import fc from "fast-check";
import { createQuerySerializer, defaultPathSerializer } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { fillPath, serializeQuery } from "./runtime.js";

describe("fillPath", () => {
  it("fills and percent-encodes path parameters and keeps the colon of Gemini paths", () => {
    expect(fillPath("/v1beta/models/{model}:generateContent", { model: "gemini-2.5-flash" })).toBe(
      "/v1beta/models/gemini-2.5-flash:generateContent",
    );
    expect(fillPath("/v1/videos/{video_id}/content", { video_id: "a b/c?d" })).toBe("/v1/videos/a%20b%2Fc%3Fd/content");
    expect(fillPath("/mj/task/{id}/fetch", { id: 17 })).toBe("/mj/task/17/fetch");
  });
  it("keeps the slashes of the parameters named in slashParams only", () => {
    expect(fillPath("/x/{a}/{model_path}", { a: "p/q", model_path: "flux-pro/kontext max" }, ["model_path"])).toBe(
      "/x/p%2Fq/flux-pro/kontext%20max",
    );
  });
  it("leaves a name without a value as it is", () => {
    expect(fillPath("/a/{b}/{c}", { b: "1", c: undefined })).toBe("/a/1/{c}");
    expect(fillPath("/a/{b}", undefined)).toBe("/a/{b}");
  });
});

describe("serializeQuery", () => {
  it("writes form-style pairs, repeats arrays and leaves out null and undefined", () => {
    expect(serializeQuery({ page_size: 20, "filter.task_ids": ["a", "b c"], alt: undefined, x: null, ok: true })).toBe(
      "page_size=20&filter.task_ids=a&filter.task_ids=b%20c&ok=true",
    );
    expect(serializeQuery({})).toBe("");
    expect(serializeQuery(undefined)).toBe("");
  });
  it("refuses an object value, which no operation takes", () => {
    expect(() => serializeQuery({ filter: { status: "queued" } })).toThrow(
      /Query parameter "filter" must be a string, number or boolean/,
    );
    expect(() => serializeQuery({ ids: [["a"]] })).toThrow(TypeError);
  });
});

/** Parameter names as the spec writes them (letters, digits, `_`, `.`, `-`). */
const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,11}$/);
/** Any text, including reserved characters, spaces, slashes and non-ASCII. */
const text = fc.string({ unit: "grapheme", maxLength: 16 });
const primitive = fc.oneof(text, fc.integer(), fc.double({ noNaN: true }), fc.boolean());

describe("the same URLs as openapi-fetch's serializers (property tests)", () => {
  it("query: form style, exploded arrays, for any primitive or array values", () => {
    const openapiFetchQuery = createQuerySerializer();
    fc.assert(
      fc.property(
        fc.dictionary(
          name,
          fc.oneof(primitive, fc.array(primitive, { maxLength: 4 }), fc.constantFrom(undefined, null)),
        ),
        (query) => {
          expect(serializeQuery(query)).toBe(openapiFetchQuery(query));
        },
      ),
      { numRuns: 2000 },
    );
  });
  it("path: simple style, for any text or number values", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { minLength: 1, maxLength: 4 }),
        fc.array(fc.oneof(text, fc.integer()), { minLength: 4, maxLength: 4 }),
        (names, values) => {
          const template = `/v1/${names.map((n) => `{${n}}`).join("/x/")}:go`;
          const params = Object.fromEntries(names.map((n, i) => [n, values[i]]));
          expect(fillPath(template, params)).toBe(defaultPathSerializer(template, params));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
