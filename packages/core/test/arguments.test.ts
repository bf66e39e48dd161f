import { describe, expect, it } from "vitest";
import { checkArguments, type OperationDescriptor } from "./runtime.js";

const get: OperationDescriptor = { method: "GET", path: "/tasks/{id}" };
const fal: OperationDescriptor = { method: "POST", path: "/fal-ai/{model_path}", slashParams: ["model_path"] };
const check =
  (op: OperationDescriptor, args: object, options: unknown = {}) =>
  () =>
    checkArguments("getTask", op, args as never, options as never);

describe("checkArguments", () => {
  it("accepts text and number path parameters, object bodies, queries and options", () => {
    expect(check(get, { params: { path: { id: "7" } } })).not.toThrow();
    expect(
      check(get, { params: { path: { id: 7 }, query: { a: 1 } } }, { signal: new AbortController().signal }),
    ).not.toThrow();
    expect(check(fal, { params: { path: { model_path: "flux-pro/kontext" } }, body: {} })).not.toThrow();
  });

  it.each([
    [{ params: { path: { id: { id: "7" } } } }, {}, /^getTask: id must be a string or a number, got an object\.$/],
    [{ params: { path: {} } }, {}, /id must be a string or a number, got undefined\./],
    [{ params: { path: { id: "" } } }, {}, /id must be a non-empty path segment/],
    [{ params: { path: { id: "." } } }, {}, /other than "\." and "\.\.", got "\."/],
    [{ params: { path: { id: "7" } }, body: "x" }, {}, /the request body must be an object, not string/],
    [{ params: { path: { id: "7" } }, body: [1] }, {}, /not an array/],
    [{ params: { path: { id: "7" } }, body: new Blob(["x"]) }, {}, /the request body must be an object, not a Blob\./],
    [{ params: { path: { id: "7" }, query: "q" } }, {}, /the query parameters must be an object, not string/],
    [{ params: { path: { id: "7" } } }, null, /^getTask: options must be an object, not null\.$/],
    [{ params: { path: { id: "7" } } }, { signal: {} }, /options\.signal must be an AbortSignal/],
    [{ params: { path: { id: "7" } } }, { extraBody: [1] }, /options\.extraBody must be an object, not an array\./],
  ])("refuses %j with %j", (args, options, message) => {
    expect(check(get, args, options)).toThrow(TypeError);
    expect(check(get, args, options)).toThrow(message);
  });

  it("refuses a dot or empty segment inside a slash-carrying parameter, which could climb the base URL", () => {
    for (const value of ["flux/../../v1/models", "./x", "a//b", "a/"]) {
      expect(check(fal, { params: { path: { model_path: value } }, body: {} }), value).toThrow(
        /model_path must be a non-empty path segment/,
      );
    }
  });
});
