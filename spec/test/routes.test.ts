// Every relay route of new-api's router is an operation of the spec, or the route inventory says why not
// (issue #19 item 5): spec/inventory/new-api-routes.yaml against the router's routes (spec/reference/new-api.json)
// and the bundled spec's operations.
import { readFileSync } from "node:fs";
import { loadBundle, operationsById } from "@allmhub/spec-model";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

type Expansion = { path: string; operation?: string; note?: string };
type Entry = {
  method: string;
  path: string;
  handler: string;
  source: string;
  operation?: string;
  added?: boolean;
  via?: string;
  expands?: Expansion[];
  "not-an-operation"?: string;
};

const inventory = parse(readFileSync(new URL("../inventory/new-api-routes.yaml", import.meta.url), "utf8")) as {
  counts: Record<string, number>;
  routes: Entry[];
};
const reference = JSON.parse(readFileSync(new URL("../reference/new-api.json", import.meta.url), "utf8")) as {
  routes: Array<{ method: string; path: string; file: string; line: number }>;
};
const operations = operationsById(loadBundle());
const key = (e: { method: string; path: string }) => `${e.method.toUpperCase()} ${e.path}`;
/** gin's `/:name` and `/*name` segments as the spec's `{name}`. */
const asTemplate = (path: string) => path.replace(/\/[:*]([A-Za-z_]+)/g, "/{$1}");
/**
 * Whether a spec path serves a route path: segment by segment, a parameter of the spec serves any segment
 * (`/kling/v1/{action}/{action2}/{task_id}` serves `/kling/v1/videos/text2video/{task_id}`), a literal only itself.
 */
const serves = (specPath: string, route: string) => {
  const a = specPath.replace(/\/$/, "").split("/");
  const b = asTemplate(route).replace(/\/$/, "").split("/");
  const param = /^\{[^}]+\}/;
  return (
    a.length === b.length &&
    a.every(
      (seg, i) =>
        seg === b[i] ||
        (param.test(seg) && seg.replace(param, "") === b[i]!.replace(param, "")) ||
        (/^\{[^}]+\}$/.test(seg) && !param.test(b[i]!)),
    )
  );
};

describe("the route inventory of new-api (spec/inventory/new-api-routes.yaml)", () => {
  it("lists every relay route of the router's reference, and no route the router lacks", () => {
    const listed = new Set(inventory.routes.map(key));
    const missing = reference.routes.filter((r) => !listed.has(key(r))).map((r) => `${key(r)} (${r.file}:${r.line})`);
    expect(missing).toEqual([]);
    const known = new Set(reference.routes.map(key));
    // The two read-only API-key routes under /api are outside the reference's relay selection.
    const extra = inventory.routes.filter((e) => !known.has(key(e)) && !e.path.startsWith("/api/")).map(key);
    expect(extra).toEqual([]);
  });

  it("gives every route an operation of the spec that serves it, or why it is not one", () => {
    const problems: string[] = [];
    for (const e of inventory.routes) {
      const ways = [e.operation, e.expands, e["not-an-operation"]].filter((w) => w !== undefined);
      if (ways.length !== 1) problems.push(`${key(e)}: needs exactly one of operation, expands, not-an-operation`);
      const check = (operationId: string, path: string) => {
        const op = operations.get(operationId);
        if (!op) return problems.push(`${key(e)}: ${operationId} is not an operation of the spec`);
        if (op.method !== e.method.toLowerCase())
          problems.push(`${key(e)}: ${operationId} is ${op.method.toUpperCase()}`);
        if (!e.via && !serves(op.path, path))
          problems.push(`${key(e)}: ${operationId} is ${op.path}, and no via says how`);
      };
      if (e.operation) check(e.operation, e.path);
      for (const x of e.expands ?? []) {
        if (x.operation) check(x.operation, x.path);
        else if (!x.note) problems.push(`${key(e)} ${x.path}: no operation and no note`);
      }
      const why = e["not-an-operation"];
      if (why !== undefined && why.trim().length < 20) problems.push(`${key(e)}: say why it is not an operation`);
    }
    expect(problems).toEqual([]);
  });

  it("keeps its counts true", () => {
    const covered = inventory.routes.filter((e) => e.operation || e.expands?.every((x) => x.operation || x.note));
    expect(inventory.counts).toEqual({
      routes: inventory.routes.length,
      covered: covered.length,
      added: inventory.routes.filter((e) => e.added).length,
      "not-an-operation": inventory.routes.filter((e) => e["not-an-operation"]).length,
    });
  });
});

describe("the account route inventory of new-api (spec/inventory/new-api-account-routes.yaml)", () => {
  const account = parse(readFileSync(new URL("../inventory/new-api-account-routes.yaml", import.meta.url), "utf8")) as {
    counts: Record<string, number>;
    routes: Entry[];
  };
  const routes = (
    JSON.parse(readFileSync(new URL("../reference/new-api.json", import.meta.url), "utf8")) as {
      accountRoutes: Array<{ method: string; path: string; auth: string }>;
    }
  ).accountRoutes;

  it("lists every route an end user calls with an access token, and only routes of the router", () => {
    const listed = new Set(account.routes.map(key));
    expect(routes.filter((r) => r.auth === "user" && !listed.has(key(r))).map(key)).toEqual([]);
    const known = new Set(routes.map(key));
    expect(account.routes.filter((e) => !known.has(key(e))).map(key)).toEqual([]);
  });

  it("gives each an admin operation that serves it, or why it is left out", () => {
    const problems: string[] = [];
    for (const e of account.routes) {
      if (Boolean(e.operation) === Boolean(e["not-an-operation"]))
        problems.push(`${key(e)}: operation or not-an-operation`);
      if (!e.operation) continue;
      const op = operations.get(e.operation);
      if (!op) problems.push(`${key(e)}: ${e.operation} is not an operation of the spec`);
      else if (op.package !== "admin" || op.method !== e.method.toLowerCase() || !serves(op.path, e.path))
        problems.push(`${key(e)}: ${e.operation} is ${op.method.toUpperCase()} ${op.path} in ${op.package}`);
    }
    expect(problems).toEqual([]);
    expect(account.counts).toEqual({
      routes: account.routes.length,
      covered: account.routes.filter((e) => e.operation).length,
      "not-an-operation": account.routes.filter((e) => e["not-an-operation"]).length,
    });
  });
});
