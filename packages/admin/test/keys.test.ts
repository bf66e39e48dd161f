import { createServer, type IncomingMessage } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  AllmhubError,
  createAdminClient,
  createKey,
  rotateKey,
  updateKey,
  usdToQuota,
  type Token,
} from "../src/index.js";

/** The token routes of new-api (controller/token.go) over an in-memory table: masked keys unless `legacy`. */
interface Row extends Token {
  id: number;
  key: string;
}
let rows: Row[] = [];
let nextId = 40;
let legacy = false;
const calls: string[] = [];
const mask = (key: string) => `${key.slice(0, 4)}**********${key.slice(-4)}`;
const shown = (r: Row): Token => ({ ...r, key: legacy ? r.key : mask(r.key) });

async function bodyOf(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
}

let url = "";
const server = createServer(async (req, res) => {
  const u = new URL(req.url ?? "/", "http://x");
  const json = (v: unknown) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(v));
  };
  calls.push(`${req.method} ${u.pathname}`);
  if (req.headers.authorization !== "tok" || req.headers["x-api-key"])
    return json({ success: false, message: "access token 无效" });
  const body = await bodyOf(req);
  const byId = /^\/api\/token\/(\d+)(\/key)?$/.exec(u.pathname);
  if (u.pathname === "/api/token/" && req.method === "GET") {
    const size = Number(u.searchParams.get("page_size") ?? 10);
    const items = [...rows]
      .sort((a, b) => b.id - a.id)
      .slice(0, size)
      .map(shown);
    return json({ success: true, message: "", data: { page: 1, page_size: size, total: rows.length, items } });
  }
  if (u.pathname === "/api/token/" && req.method === "POST") {
    rows.push({
      ...body,
      id: nextId++,
      key: `k${nextId}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`.slice(0, 48),
      status: 1,
      used_quota: 0,
    });
    return json({ success: true, message: "" });
  }
  if (u.pathname === "/api/token/" && req.method === "PUT") {
    const row = rows.find((r) => r.id === body.id);
    if (!row) return json({ success: false, message: "record not found" });
    if (u.searchParams.get("status_only")) row.status = body.status;
    else
      Object.assign(row, {
        name: body.name ?? "",
        remain_quota: body.remain_quota ?? 0,
        expired_time: body.expired_time ?? 0,
        model_limits: body.model_limits ?? "",
        group: body.group ?? "",
      });
    return json({ success: true, message: "", data: shown(row) });
  }
  if (byId) {
    const row = rows.find((r) => r.id === Number(byId[1]));
    if (!row) return json({ success: false, message: "record not found" });
    if (byId[2] && req.method === "POST") {
      if (!legacy) return json({ success: true, message: "", data: { key: row.key } });
      res.writeHead(404);
      return res.end("404 page not found");
    }
    if (req.method === "GET") return json({ success: true, message: "", data: shown(row) });
    if (req.method === "DELETE") {
      rows = rows.filter((r) => r !== row);
      return json({ success: true, message: "" });
    }
  }
  json({ success: false, message: "not here" });
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address();
  url = typeof a === "object" && a ? `http://127.0.0.1:${a.port}` : "";
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  rows = [
    {
      id: 7,
      name: "teammate",
      key: "olderkeyolderkeyolderkeyolderkeyolderkeyolderkey",
      remain_quota: 1,
      expired_time: -1,
      unlimited_quota: false,
      status: 1,
    },
  ];
  nextId = 40;
  calls.length = 0;
  legacy = false;
});

const admin = () => createAdminClient({ apiKey: "sk-never-sent", accessToken: "tok", baseUrl: url });
const in30Days = Math.floor(Date.UTC(2030, 0, 1) / 1000) + 30 * 24 * 3600;

describe("createKey", () => {
  it("creates the key, finds it among the newer ones and reveals it: a $5 key that expires in 30 days", async () => {
    const { key, token } = await createKey(admin(), {
      name: "teammate",
      remain_quota: usdToQuota(5),
      unlimited_quota: false,
      expired_time: in30Days,
    });
    expect(key).toMatch(/^sk-k41/);
    expect(token).toMatchObject({ id: 40, name: "teammate", remain_quota: 2_500_000, expired_time: in30Days });
    expect(calls).toEqual(["GET /api/token/", "POST /api/token/", "GET /api/token/", "POST /api/token/40/key"]);
  });

  it("does not take an older key of the same name", async () => {
    const { token } = await createKey(admin(), {
      name: "teammate",
      remain_quota: 1,
      expired_time: -1,
      unlimited_quota: false,
    });
    expect(token.id).toBe(40);
  });

  it("on an older gateway, whose lists show full keys, takes the key from the list", async () => {
    legacy = true;
    const { key } = await createKey(admin(), { name: "ci" });
    expect(key).toMatch(/^sk-k41/);
    expect(calls).not.toContain("POST /api/token/40/key");
  });

  it("says so when the new key cannot be found", async () => {
    const lost = { ...admin(), listTokens: async () => ({ items: [] }) } as unknown as Parameters<typeof createKey>[0];
    await expect(createKey(lost, { name: "x" })).rejects.toBeInstanceOf(AllmhubError);
  });
});

describe("rotateKey and updateKey", () => {
  it("replaces a key with one of the same settings and deletes the old one", async () => {
    const { key, token, replaced } = await rotateKey(admin(), 7);
    expect(replaced.id).toBe(7);
    expect(token).toMatchObject({ id: 40, name: "teammate", remain_quota: 1, expired_time: -1 });
    expect(key.startsWith("sk-")).toBe(true);
    expect(rows.map((r) => r.id)).toEqual([40]);
  });

  it("can disable the old key instead", async () => {
    await rotateKey(admin(), 7, { old: "disable" });
    expect(rows.find((r) => r.id === 7)?.status).toBe(2);
  });

  it("changes one setting and sends the others back (the gateway resets what is left out)", async () => {
    const saved = await updateKey(admin(), 7, { remain_quota: usdToQuota(20) });
    expect(saved).toMatchObject({ id: 7, name: "teammate", remain_quota: 10_000_000, expired_time: -1 });
  });
});
