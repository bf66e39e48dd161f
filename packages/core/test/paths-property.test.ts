// Path parameters are always one segment: whatever a parameter holds (`.`, `..`, slashes, encoded dots,
// backslashes, `?`, `#`, any Unicode), the URL fetch sends has exactly the template's segments, each
// parameter decoding back to its value, or the call is refused before anything is sent. The slash-carrying
// parameters (fal model ids) keep their slashes but never climb above the base URL, prefix included.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildRequest, checkArguments, resolveClientOptions, type OperationDescriptor } from "./runtime.js";

const config = resolveClientOptions({ apiKey: "sk-paths", baseUrl: "https://gateway.example/prefix" });
const credentials = { headers: {}, query: {} };

/** The pathname fetch would request for these path parameters, or undefined when the call is refused. */
function pathnameOf(op: OperationDescriptor, path: Record<string, string>): string | undefined {
  const args = { params: { path } };
  try {
    checkArguments("test", op, args, {});
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return undefined;
  }
  return new URL(buildRequest(op, args, credentials, {}, config, undefined).url).pathname;
}

const tricky = fc.oneof(
  fc.string({ unit: fc.constantFrom(".", "/", "\\", "%", "2", "e", "E", "f", "F", "?", "#", "a", ";", "@", ":", " ") }),
  fc.constantFrom(".", "..", "./", "../", "%2e%2e", "%2E.", ".%2e", "..\\", "\\..", "a/../..", "../../admin"),
  fc.string({ unit: "grapheme" }),
);

describe("path parameters (property tests)", () => {
  it("are one segment each, decoding to their value, or refused", () => {
    const op: OperationDescriptor = { method: "GET", path: "/v1/tasks/{id}/items/{item}" };
    fc.assert(
      fc.property(tricky, tricky, (id, item) => {
        const pathname = pathnameOf(op, { id, item });
        if (pathname === undefined) return;
        const segments = pathname.split("/");
        expect(segments.slice(0, 4)).toEqual(["", "prefix", "v1", "tasks"]);
        expect(segments).toHaveLength(7);
        expect(segments[5]).toBe("items");
        expect(decodeURIComponent(segments[4]!)).toBe(id);
        expect(decodeURIComponent(segments[6]!)).toBe(item);
      }),
      { numRuns: 3000 },
    );
  });

  it("that carry slashes keep them as separators and never climb above the base URL", () => {
    const op: OperationDescriptor = {
      method: "POST",
      path: "/fal-ai/{model_path}/requests",
      slashParams: ["model_path"],
    };
    fc.assert(
      fc.property(tricky, (model) => {
        const pathname = pathnameOf(op, { model_path: model });
        if (pathname === undefined) return;
        expect(pathname.startsWith("/prefix/fal-ai/")).toBe(true);
        expect(pathname.endsWith("/requests")).toBe(true);
        const inner = pathname.slice("/prefix/fal-ai/".length, -"/requests".length);
        expect(inner.split("/").map(decodeURIComponent).join("/")).toBe(model);
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses the values that would land elsewhere", () => {
    const one: OperationDescriptor = { method: "GET", path: "/v1/tasks/{id}" };
    for (const id of [".", "..", ""]) expect(pathnameOf(one, { id })).toBeUndefined();
    const fal: OperationDescriptor = { method: "POST", path: "/fal-ai/{model_path}", slashParams: ["model_path"] };
    for (const model_path of ["..", "a/../../admin", "../x", "a//b", "a/."])
      expect(pathnameOf(fal, { model_path })).toBeUndefined();
    expect(pathnameOf(one, { id: "a/b?c#d" })).toBe("/prefix/v1/tasks/a%2Fb%3Fc%23d");
  });
});
