import type { OperationDescriptor } from "./operation.js";

/** Whether a body holds a file (a Blob at the top level or in a top-level array). */
export function containsBlob(body: unknown): boolean {
  // A string, number or boolean has no values that are Blobs.
  return Object.values(body ?? {}).some((v) => [v].flat().some((x) => x instanceof Blob));
}

/**
 * The form codec of `bindOperations`: the multipart body of an operation that sends one (always for
 * `requestBody: "multipart"`, for `"auto"` when the body holds a file), else undefined (the body goes as JSON).
 */
export function multipartBody(op: OperationDescriptor, body: unknown): FormData | undefined {
  return op.requestBody === "multipart" || (op.requestBody === "auto" && containsBlob(body))
    ? toFormData(body)
    : undefined;
}

/** Serializes a multipart body: Blobs and Files as files, arrays as repeated fields, objects as JSON. */
export function toFormData(body: unknown): FormData {
  const form = new FormData();
  if (!body || typeof body !== "object") return form;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    for (const v of [value].flat()) {
      if (v instanceof Blob) form.append(key, v, (v as File).name ?? key);
      else form.append(key, typeof v === "object" ? JSON.stringify(v) : String(v));
    }
  }
  return form;
}
