import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createSpecValidator } from "@allmhub/spec-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_CREATED_KEYS, createdKeys } from "../src/created-keys.mjs";
import { PREFER_HEADER, startMockGateway } from "../src/index.mjs";

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@allmhub/spec/dist/openapi.json"), "utf8"));
const validator = createSpecValidator(spec);
const answerSchema = (path: string, method: string) =>
  `#/paths/${path.replace(/\//g, "~1")}/${method}/responses/200/content/application~1json/schema`;

let gateway: Awaited<ReturnType<typeof startMockGateway>>;
beforeAll(async () => {
  gateway = await startMockGateway({ spec });
});
afterAll(() => gateway.close());

const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${gateway.url}${path}`, {
    method,
    headers: { authorization: "Bearer access-token", "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
};

describe("keys created through the mock", () => {
  it("are listed first (masked), shown, revealed and deleted, every answer valid", async () => {
    const before = await call("GET", "/api/token/?p=1&page_size=1");
    const documentedNewest = before.body.data.items[0].id;
    const created = await call("POST", "/api/token/", { name: "ci", remain_quota: 500000, expired_time: -1 });
    expect(created.body).toEqual({ success: true, message: "" });

    const list = await call("GET", "/api/token/?p=1&page_size=100");
    expect(validator.errors(answerSchema("/api/token/", "get"), list.body)).toEqual([]);
    const mine = list.body.data.items[0];
    expect(mine).toMatchObject({ name: "ci", remain_quota: 500000, expired_time: -1, status: 1 });
    expect(mine.id).toBeGreaterThan(documentedNewest);
    expect(mine.key).toMatch(/^[A-Za-z0-9]{4}\*{10}[A-Za-z0-9]{4}$/);
    expect(list.body.data.total).toBe(list.body.data.items.length);

    const one = await call("GET", `/api/token/${mine.id}`);
    expect(validator.errors(answerSchema("/api/token/{id}", "get"), one.body)).toEqual([]);
    expect(one.body.data).toMatchObject({ id: mine.id, name: "ci", key: mine.key });

    const revealed = await call("POST", `/api/token/${mine.id}/key`);
    expect(validator.errors(answerSchema("/api/token/{id}/key", "post"), revealed.body)).toEqual([]);
    expect(revealed.body.data.key).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(revealed.body.data.key.slice(0, 4)).toBe(mine.key.slice(0, 4));

    // A request naming an example gets that example, whatever was created.
    const named = await call("GET", "/api/token/?p=1", undefined, {
      [PREFER_HEADER]: "example=mirror-boyuerichdata-token-list",
    });
    expect(named.body.data.items[0].id).toBe(documentedNewest);

    await call("DELETE", `/api/token/${mine.id}`);
    const after = await call("GET", "/api/token/?p=1&page_size=100");
    expect(after.body.data.items.map((t: { id: number }) => t.id)).not.toContain(mine.id);
    const gone = await call("POST", `/api/token/${mine.id}/key`);
    expect(gone.body.data.key).not.toBe(revealed.body.data.key);
  });

  it("pages the list with the created keys first and forgets the oldest beyond its limit", () => {
    const keys = createdKeys();
    const documented = { success: true, message: "", data: { page: 1, page_size: 10, total: 1, items: [{ id: 7 }] } };
    for (let i = 0; i <= MAX_CREATED_KEYS; i++)
      keys.answer({ operationId: "createToken", params: {}, query: {}, body: { name: `k${i}` } }, { success: true });
    const page = (p: number) =>
      keys.answer(
        { operationId: "listTokens", params: {}, query: { p, page_size: 400 }, body: undefined },
        documented,
      ) as any;
    expect(page(1).data.items[0].name).toBe(`k${MAX_CREATED_KEYS}`);
    expect(page(1).data.total).toBe(MAX_CREATED_KEYS + 1);
    expect(page(3).data.items.at(-1)).toEqual({ id: 7 });
    expect(page(3).data.items.at(-2).name).toBe("k1");
    // A failed creation creates nothing.
    const fresh = createdKeys();
    fresh.answer({ operationId: "createToken", params: {}, query: {}, body: { name: "x" } }, { success: false });
    expect(fresh.answer({ operationId: "listTokens", params: {}, query: {}, body: undefined }, documented)).toBeNull();
  });
});
