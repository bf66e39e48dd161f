import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createAdminClient, paginate, type PagedOperation, type TokenLog } from "../src/index.js";

/** 250 log entries, newest first, served in pages as new-api does (page size capped at 100). */
const LOGS = Array.from({ length: 250 }, (_, i) => ({
  id: i + 1,
  created_at: 10_000 - i,
  type: 2,
  model_name: i % 2 ? "gpt-4o-mini" : "claude",
  quota: 10,
}));
let url = "";
const requests: URLSearchParams[] = [];
let legacy = false;
const server = createServer((req, res) => {
  const u = new URL(req.url ?? "/", "http://x");
  res.writeHead(200, { "content-type": "application/json" });
  if (u.pathname === "/api/log/self") {
    requests.push(u.searchParams);
    if (req.headers.authorization !== "tok") return res.end(JSON.stringify({ success: false, message: "no token" }));
    const page = Math.max(1, Number(u.searchParams.get("p") ?? 1));
    const size = Math.min(100, Number(u.searchParams.get("page_size") ?? 10));
    const matching = LOGS.filter(
      (l) => !u.searchParams.get("model_name") || l.model_name === u.searchParams.get("model_name"),
    );
    if (legacy) return res.end(JSON.stringify({ success: true, message: "", data: matching.slice(0, 30) }));
    const items = matching.slice((page - 1) * size, page * size);
    return res.end(
      JSON.stringify({ success: true, message: "", data: { page, page_size: size, total: matching.length, items } }),
    );
  }
  res.end(JSON.stringify({ success: false, message: "not here" }));
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address();
  url = typeof a === "object" && a ? `http://127.0.0.1:${a.port}` : "";
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const admin = () => createAdminClient({ accessToken: "tok", baseUrl: url });

describe("paginate", () => {
  it("is typed by operation: the paged operations, their items and their filters", () => {
    expectTypeOf<PagedOperation>().toEqualTypeOf<
      "listTokens" | "searchTokens" | "listUserLogs" | "listUserMidjourneyTasks" | "listUserTasks" | "listTopUps"
    >();
    const logs = paginate(admin(), "listUserLogs", { type: 2, model_name: "claude" });
    expectTypeOf<Awaited<ReturnType<typeof logs.toArray>>>().toEqualTypeOf<TokenLog[]>();
    // @ts-expect-error -- paginate sets the page itself
    void paginate(admin(), "listUserLogs", { p: 2 });
    // @ts-expect-error -- not a paged operation
    void paginate(admin(), "listUserModels");
  });

  it("reads every page, 100 at a time by default, with the filters on every request", async () => {
    requests.length = 0;
    const ids: number[] = [];
    for await (const log of paginate(admin(), "listUserLogs", { type: 2 })) ids.push(log.id ?? 0);
    expect(ids).toEqual(LOGS.map((l) => l.id));
    expect(requests.map((q) => [q.get("p"), q.get("page_size"), q.get("type")])).toEqual([
      ["1", "100", "2"],
      ["2", "100", "2"],
      ["3", "100", "2"],
    ]);
  });

  it("stops without an extra request when the last page is full (total reached)", async () => {
    requests.length = 0;
    const all = await paginate(admin(), "listUserLogs", {}, { pageSize: 50 }).toArray();
    expect(all).toHaveLength(250);
    expect(requests).toHaveLength(5);
  });

  it("stops at `until` (without yielding that item) and at `limit`, reading no further page", async () => {
    requests.length = 0;
    const recent = await paginate(
      admin(),
      "listUserLogs",
      {},
      { pageSize: 20, until: (log) => (log.created_at ?? 0) < 10_000 - 29 },
    ).toArray();
    expect(recent).toHaveLength(30);
    expect(requests).toHaveLength(2);
    requests.length = 0;
    expect(await paginate(admin(), "listUserLogs", {}, { pageSize: 20, limit: 5 }).toArray()).toHaveLength(5);
    expect(requests).toHaveLength(1);
    expect(await paginate(admin(), "listUserLogs", {}, { limit: 0 }).toArray()).toEqual([]);
  });

  it("starts at `startPage`, follows a page size the gateway caps, and exposes the pages", async () => {
    requests.length = 0;
    const pages = [];
    for await (const page of paginate(
      admin(),
      "listUserLogs",
      { model_name: "claude" },
      { pageSize: 500, startPage: 2 },
    ).pages())
      pages.push(page);
    // 125 claude entries; the gateway answers 100 a page although 500 were asked.
    expect(pages.map((p) => [p.page, p.items?.length, p.total])).toEqual([[2, 25, 125]]);
    requests.length = 0;
    const all = await paginate(admin(), "listUserLogs", { model_name: "claude" }, { pageSize: 500 }).toArray();
    expect(all).toHaveLength(125);
    expect(requests.map((q) => q.get("p"))).toEqual(["1", "2"]);
  });

  it("takes an older gateway's unpaged array as the only page", async () => {
    legacy = true;
    try {
      requests.length = 0;
      expect(await paginate(admin(), "listUserLogs").toArray()).toHaveLength(30);
      expect(requests).toHaveLength(1);
    } finally {
      legacy = false;
    }
  });

  it("passes the call options to each request and surfaces a failed page", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(paginate(admin(), "listUserLogs", {}, { signal: controller.signal }).toArray()).rejects.toThrow();
    await expect(
      paginate(createAdminClient({ accessToken: "bad", baseUrl: url }), "listUserLogs").toArray(),
    ).rejects.toThrow(/no token/);
  });

  it("checks its options before any request", () => {
    expect(() => paginate(admin(), "listUserLogs", {}, { pageSize: 0 })).toThrow(TypeError);
    expect(() => paginate(admin(), "listUserLogs", {}, { startPage: 0 })).toThrow(TypeError);
    expect(() => paginate(admin(), "listUserLogs", {}, { limit: -1 })).toThrow(TypeError);
  });
});
