import { describe, expect, it } from "vitest";
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  buildApiError,
  errorForStatus,
  messageFromBody,
  redactSecrets,
} from "./runtime.js";

describe("errorForStatus", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
  ])("maps %i to its class", (status, cls) => {
    const err = errorForStatus({ status, body: {}, headers: new Headers(), message: "m" });
    expect(err).toBeInstanceOf(cls);
    expect(err).toBeInstanceOf(APIError);
    expect(err.status).toBe(status);
  });
  it("keeps other statuses as a plain APIError", () => {
    const err = errorForStatus({ status: 418, body: {}, headers: undefined, message: "teapot" });
    expect(err.constructor).toBe(APIError);
  });
});

describe("buildApiError", () => {
  it("reads the relay error envelope", () => {
    const body = {
      error: {
        message: "model not found (request id: 2025112912000012345)",
        type: "new_api_error",
        param: "model",
        code: "model_not_found",
      },
    };
    const err = buildApiError(new Response(JSON.stringify(body), { status: 404 }), JSON.stringify(body));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toBe("404 model not found (request id: 2025112912000012345)");
    expect(err.code).toBe("model_not_found");
    expect(err.type).toBe("new_api_error");
    expect(err.param).toBe("model");
    expect(err.requestId).toBe("2025112912000012345");
    expect(err.body).toEqual(body);
  });
  it("prefers the request id header", () => {
    const res = new Response("{}", { status: 500, headers: { "x-oneapi-request-id": "req-123" } });
    expect(buildApiError(res, "{}").requestId).toBe("req-123");
  });
  it("turns a proxy's HTML page into a typed error with an excerpt", () => {
    const html = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    const err = buildApiError(new Response(html, { status: 502 }), html);
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err.message).toMatch(/^502 non-JSON answer \(HTML page\): <!DOCTYPE html>/);
    expect(err.body).toBe(html);
  });
  it("says that a text body is not the gateway's JSON", () => {
    const err = buildApiError(new Response("Bad  Gateway\n", { status: 502 }), "Bad  Gateway\n");
    expect(err.message).toBe("502 non-JSON answer: Bad Gateway");
    expect(err.body).toBe("Bad  Gateway\n");
  });
  it("scrubs the key from the message and the body", () => {
    const body = { error: { message: "invalid token sk-live-123456 for user" } };
    const err = buildApiError(new Response("", { status: 401 }), JSON.stringify(body), ["sk-live-123456"]);
    expect(err.message).toBe("401 invalid token [redacted] for user");
    expect(JSON.stringify(err.body)).not.toContain("sk-live-123456");
  });
});

describe("messageFromBody", () => {
  it("reads Midjourney and account envelopes", () => {
    expect(messageFromBody({ code: 24, description: "banned prompt" }, 200)).toBe("200 banned prompt");
    expect(messageFromBody({ success: false, message: "token not found" }, 200)).toBe("200 token not found");
  });
  it("says when there is no body", () => {
    expect(messageFromBody("", 503)).toBe("503 status code (no body)");
  });
});

describe("redactSecrets", () => {
  it("replaces secrets deep inside values and leaves the rest", () => {
    expect(redactSecrets({ a: ["x sk-1234 y"], b: 3 }, ["sk-1234"])).toEqual({ a: ["x [redacted] y"], b: 3 });
  });
  it("scrubs every string of a body, at any depth, and returns a copy", () => {
    const body = {
      error: { message: "bad key sk-abcdef", param: null, details: [{ hint: "sk-abcdef sk-abcdef" }, 7, true] },
      token: "tok-9999",
    };
    const copy = redactSecrets(body, ["sk-abcdef", "tok-9999"]);
    expect(copy).toEqual({
      error: { message: "bad key [redacted]", param: null, details: [{ hint: "[redacted] [redacted]" }, 7, true] },
      token: "[redacted]",
    });
    expect(body.error.message).toBe("bad key sk-abcdef");
    expect(redactSecrets("answer: sk-abcdef", ["sk-abcdef"])).toBe("answer: [redacted]");
    expect(redactSecrets(undefined, ["sk-abcdef"])).toBeUndefined();
    expect(redactSecrets('a "quoted" $& sk-abc\\def', ["sk-abc\\def"])).toBe('a "quoted" $& [redacted]');
  });
  it("ignores secrets too short to be keys", () => {
    expect(redactSecrets("abc", ["a"])).toBe("abc");
  });
});
