// How the mock finds the operation a request calls, reads the request and checks its credentials (the rules
// openapi-backend 5.20 had, which routed the mock's requests before).
import { describe, expect, it } from "vitest";
import { parseRequest, pathParameters } from "../src/parse-request.mjs";
import { createRouter } from "../src/router.mjs";
import { authorized } from "../src/security.mjs";

const ok = { responses: { "200": { description: "ok" } } };
const doc = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  security: [{ key: [] }],
  paths: {
    "/things/{id}": {
      parameters: [{ $ref: "#/components/parameters/Id" }],
      get: {
        operationId: "getThing",
        parameters: [
          { name: "ids", in: "query", explode: false, schema: { type: "array" } },
          { name: "pipes", in: "query", explode: false, style: "pipeDelimited", schema: { type: "array" } },
          { name: "filter", in: "query", content: { "application/json": { schema: { type: "object" } } } },
        ],
        ...ok,
      },
      delete: { operationId: "deleteThing", security: [], ...ok },
    },
    "/things/special": { get: { operationId: "getSpecial", ...ok } },
    "/things/{id}/parts/{part}": { get: { operationId: "getPart", ...ok } },
    "/things/{id}/parts/all": { get: { operationId: "getAllParts", ...ok } },
    "/slash/": { get: { operationId: "withSlash", ...ok } },
  },
  components: { parameters: { Id: { name: "id", in: "path", required: true, schema: { type: "string" } } } },
};

describe("router", () => {
  const router = createRouter(doc);
  const id = (method: string, path: string) => {
    const found = router.match({ method, path });
    return "route" in found ? found.route.operationId : found.status;
  };

  it("prefers the exact path, then the most specific template", () => {
    expect(id("GET", "/things/special")).toBe("getSpecial");
    expect(id("GET", "/things/other")).toBe("getThing");
    expect(id("GET", "/things/1/parts/all")).toBe("getAllParts");
    expect(id("GET", "/things/1/parts/2")).toBe("getPart");
  });

  it("answers 404 when no path matches and 405 when no method of a matching path does", () => {
    expect(id("GET", "/nothing")).toBe(404);
    expect(id("GET", "/things/")).toBe(404);
    expect(id("POST", "/things/1")).toBe(405);
    expect(id("DELETE", "/things/special")).toBe("deleteThing");
  });

  it("counts a trailing slash, reads a leading // as /, ignores the query and the method's case", () => {
    expect(id("GET", "/slash/")).toBe("withSlash");
    expect(id("GET", "/slash")).toBe(404);
    expect(id("get", "//things/special?x=1")).toBe("getSpecial");
  });

  it("lists the operation's parameters, then the path item's, resolved, and the security that applies", () => {
    const [get, del] = router.routes;
    expect(get?.parameters.map((p) => p.name)).toEqual(["ids", "pipes", "filter", "id"]);
    expect(get?.security).toEqual([{ key: [] }]);
    expect(del?.security).toEqual([]);
  });
});

describe("parseRequest", () => {
  const route = createRouter(doc).routes[0];
  const request = (query: string, path = "/things/a%20b", body?: unknown) => ({
    method: "GET",
    path,
    query,
    headers: { "X-Trace": "t", cookie: "a=1; b=%20x" },
    body,
  });

  it("reads headers by lower-case name, cookies, path parameters (decoded) and the body as JSON", () => {
    const parsed = parseRequest(request("", "/things/a%20b", '{"n":1}'), route);
    expect(parsed.headers["x-trace"]).toBe("t");
    expect({ ...parsed.cookies }).toEqual({ a: "1", b: " x" });
    expect(parsed.params).toEqual({ id: "a b" });
    expect(parsed.requestBody).toEqual({ n: 1 });
    expect(parseRequest(request("", "/things/x", "not json"), route).requestBody).toBe("not json");
  });

  it("parses the query with brackets and repeated names, and splits values that are not exploded", () => {
    expect(parseRequest(request("a[b]=1&c=1&c=2"), route).query).toEqual({ a: { b: "1" }, c: ["1", "2"] });
    expect(parseRequest(request("ids=1,2&pipes=a|b"), route).query).toEqual({ ids: ["1", "2"], pipes: ["a", "b"] });
    expect(parseRequest(request("filter=%7B%22a%22%3A1%7D"), route).query).toEqual({ filter: { a: 1 } });
    expect(() => parseRequest(request("filter=nope"), route)).toThrow(SyntaxError);
  });

  it("leaves the query alone without a route", () => {
    expect(parseRequest(request("ids=1,2")).query).toEqual({ ids: "1,2" });
    expect(parseRequest(request("ids=1,2")).params).toEqual({});
  });

  it("gives no path parameters when a name repeats with two values", () => {
    expect(pathParameters("/a/{x}/{x}", "/a/1/1")).toEqual({ x: "1" });
    expect(pathParameters("/a/{x}/{x}", "/a/1/2")).toBeNull();
    expect(pathParameters("/a/{x}", "/b/1")).toBeNull();
  });
});

describe("authorized", () => {
  const request = parseRequest({ method: "GET", path: "/", headers: {} });
  const yes = () => true;
  const no = () => false;

  it("needs one requirement whose schemes all accept", () => {
    expect(authorized([{ a: [], b: [] }], { a: yes, b: no }, request)).toBe(false);
    expect(authorized([{ a: [], b: [] }, { a: [] }], { a: yes, b: no }, request)).toBe(true);
    expect(authorized([], {}, request)).toBe(true);
    expect(authorized([{}], {}, request)).toBe(true);
  });

  it("does not accept a scheme without a check, or whose check throws or answers an error", () => {
    expect(authorized([{ a: [] }], {}, request)).toBe(false);
    const throws = () => {
      throw new Error("no");
    };
    expect(authorized([{ a: [] }], { a: throws }, request)).toBe(false);
    expect(authorized([{ a: [] }], { a: () => ({ error: "no" }) }, request)).toBe(false);
    expect(authorized([{ a: [] }], { a: () => ({ user: 1 }) }, request)).toBe(true);
  });
});
