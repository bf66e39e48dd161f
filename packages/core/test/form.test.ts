import { describe, expect, it } from "vitest";
import { multipartBody, type OperationDescriptor } from "./runtime.js";

describe("multipartBody", () => {
  const file = new File([new Uint8Array([1, 2])], "a.png", { type: "image/png" });
  const op = (requestBody?: OperationDescriptor["requestBody"]): OperationDescriptor => ({
    method: "POST",
    path: "/x",
    requestBody,
  });

  it("encodes the body of a multipart operation, files or not", () => {
    const form = multipartBody(op("multipart"), { model: "m", n: 2, file, tags: ["a", "b"], meta: { k: 1 } });
    expect(form).toBeInstanceOf(FormData);
    expect((form!.get("file") as File).name).toBe("a.png");
    expect([form!.get("model"), form!.get("n"), form!.getAll("tags"), form!.get("meta")]).toEqual([
      "m",
      "2",
      ["a", "b"],
      '{"k":1}',
    ]);
    expect(multipartBody(op("multipart"), { model: "m" })?.get("model")).toBe("m");
  });

  it("encodes an `auto` body only when it holds a file, at the top level or in an array", () => {
    expect(multipartBody(op("auto"), { image: file })).toBeInstanceOf(FormData);
    expect(multipartBody(op("auto"), { image: [file] })).toBeInstanceOf(FormData);
    expect(multipartBody(op("auto"), { image: "https://example.com/a.png", nested: { file } })).toBeUndefined();
  });

  it("leaves JSON operations alone", () => {
    expect(multipartBody(op(), { file })).toBeUndefined();
    expect(multipartBody(op("json"), { file })).toBeUndefined();
  });
});
