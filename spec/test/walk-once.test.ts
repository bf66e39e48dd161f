import { describe, expect, it } from "vitest";
import { lintTargets } from "../rules/apply-then.mjs";
import { matcherFor } from "../rules/given-matchers.mjs";
import { sharedWalk } from "../rules/shared-walk.mjs";
import { walkOnce } from "../rules/walk-once.mjs";

type Path = Array<string | number>;

/** The members walkOnce visits, as "a/b/0" paths. */
function visited(root: unknown, contextOf: (path: Path) => string | null) {
  const seen: string[] = [];
  walkOnce(root, (path) => seen.push(path.join("/")), contextOf);
  return seen;
}

describe("walkOnce", () => {
  const shared = { enum: ["a"], items: [{ x: 1 }] };
  const root = { one: shared, two: shared, list: [shared] };

  it("visits every member, arrays by number, and enters a shared object once when no path decides", () => {
    expect(visited(root, () => "")).toEqual([
      "one",
      "one/enum",
      "one/enum/0",
      "one/items",
      "one/items/0",
      "one/items/0/x",
      "two",
      "list",
      "list/0",
    ]);
    const paths: Path[] = [];
    walkOnce(
      root,
      (path) => paths.push([...path]),
      () => "",
    );
    expect(paths[2]).toEqual(["one", "enum", 0]);
  });

  it("enters a shared object again in another context, and every time without one", () => {
    const listOrNot = (path: Path) => (path[0] === "list" ? "list" : "object");
    expect(visited(root, listOrNot).filter((p) => p.endsWith("/x"))).toEqual(["one/items/0/x", "list/0/items/0/x"]);
    expect(visited(root, () => null).filter((p) => p.endsWith("/x"))).toEqual([
      "one/items/0/x",
      "two/items/0/x",
      "list/0/items/0/x",
    ]);
  });
});

describe("matcherFor", () => {
  it("knows spectral:oas's whole-document givens and no other", () => {
    expect(() => matcherFor("$..[?(@.foo)]")).toThrow(/spectral:oas changed it/);
    const markdown = matcherFor("$..[description,title]");
    expect(markdown.matches(["info", "description"], "x")).toBe(true);
    expect(markdown.matches(["items", 0], "description")).toBe(false);
  });

  it("tests a `$.paths[*][*]..<holder>[*].examples[*]` given as nimma does", () => {
    const examples = matcherFor([
      "$.components.examples[*]",
      "$.paths[*][*]..content[*].examples[*]",
      "$.paths[*][*]..parameters[*].examples[*]",
      "$.components.parameters[*].examples[*]",
      "$.paths[*][*]..headers[*].examples[*]",
      "$.components.headers[*].examples[*]",
    ]);
    const yes: Path[] = [
      ["components", "examples", "e"],
      ["paths", "/p", "get", "responses", "200", "content", "application/json", "examples", "e"],
      ["paths", "/p", "get", "content", "t", "examples", "e"],
      ["paths", "/p", "post", "parameters", 0, "examples", "e"],
      ["components", "parameters", "p", "examples", "e"],
    ];
    const no: Path[] = [
      ["paths", "/p", "parameters", 0, "examples", "e"], // depth 5: `..` needs a key below the operation
      ["components", "responses", "r", "content", "t", "examples", "e"],
      ["paths", "/p", "get", "responses", "200", "content", "t", "examples"],
      ["components", "examples", "e", "value"],
    ];
    for (const path of yes) expect(examples.matches(path, {}), path.join("/")).toBe(true);
    for (const path of no) expect(examples.matches(path, {}), path.join("/")).toBe(false);
    // Below depth 6 a path's last keys decide; above it, nothing is shared across contexts.
    expect(examples.contextOf(["paths", "/p", "get"])).toBeNull();
    expect(examples.contextOf(["paths", "/p", "get", "responses", "200", "content"])).not.toEqual(
      examples.contextOf(["paths", "/p", "get", "responses", "200", "headers"]),
    );
  });
});

describe("sharedWalk", () => {
  it("finds each matcher's places in one walk per document, and remembers them", () => {
    const markdown = matcherFor("$..[description,title]");
    const typed = matcherFor("$..[?(@ && @.enum && @.type)]");
    const placesOf = sharedWalk([markdown, typed, markdown]);
    const schema = { type: "string", enum: ["a"], description: "d" };
    const doc = { info: { title: "t" }, components: { schemas: { A: schema } }, paths: { "/a": { schema } } };
    const places = placesOf(doc);
    expect(places.get(markdown)).toEqual([
      [["info", "title"], "t"],
      [["components", "schemas", "A", "description"], "d"],
    ]);
    // The schema is tested where each of its two parents holds it, and entered once.
    expect(places.get(typed)).toEqual([
      [["components", "schemas", "A"], schema],
      [["paths", "/a", "schema"], schema],
    ]);
    expect(placesOf(doc)).toBe(places);
    expect(() => sharedWalk([markdown, matcherFor("$.components.examples[*]")])).toThrow(/different contexts/);
  });
});

describe("lintTargets", () => {
  it("picks the value or its field, as Spectral does", () => {
    expect(lintTargets({ enum: [1] }, "enum")).toEqual([{ path: ["enum"], value: [1] }]);
    expect(lintTargets("text", "enum")).toEqual([{ path: [], value: "text" }]);
    expect(lintTargets({ a: 1 }, undefined)).toEqual([{ path: [], value: { a: 1 } }]);
    expect(() => lintTargets({}, "$.a")).toThrow(/unsupported/);
  });
});
