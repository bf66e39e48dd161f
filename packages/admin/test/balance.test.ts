import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  EnvelopeError,
  QUOTA_PER_USD,
  createAdminClient,
  getTokenBalance,
  getUserBalance,
  quotaToUsd,
  usdToQuota,
} from "../src/index.js";

describe("quota units", () => {
  it("are 500000 to the dollar", () => {
    expect(QUOTA_PER_USD).toBe(500_000);
    expect(quotaToUsd(500_000)).toBe(1);
    expect(quotaToUsd(1_234_567)).toBe(2.4691);
    expect(usdToQuota(2.5)).toBe(1_250_000);
    expect(quotaToUsd(usdToQuota(12.34))).toBe(12.34);
    expect(() => quotaToUsd(Number.NaN)).toThrow(TypeError);
  });
});

let url = "";
let quotaPerUnit: number | undefined;
const server = createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  if (req.url === "/api/status")
    return res.end(
      JSON.stringify({
        success: true,
        message: "",
        data: quotaPerUnit ? { quota_per_unit: quotaPerUnit } : { version: "old" },
      }),
    );
  if (req.url === "/api/usage/token/") {
    if (req.headers.authorization !== "Bearer sk-good")
      return res.end(JSON.stringify({ code: false, message: "无效的令牌" }));
    return res.end(
      JSON.stringify({
        code: true,
        message: "ok",
        data: {
          object: "token_usage",
          name: "default",
          total_granted: 5_000_000,
          total_used: 1_250_000,
          total_available: 3_750_000,
          unlimited_quota: false,
        },
      }),
    );
  }
  if (req.url === "/api/user/self") {
    if (req.headers.authorization !== "tok")
      return res.end(JSON.stringify({ success: false, message: "无权进行此操作，access token 无效" }));
    return res.end(
      JSON.stringify({
        success: true,
        message: "",
        data: { id: 9, username: "alice", quota: 10_000_000, used_quota: 500_000 },
      }),
    );
  }
  res.end("{}");
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address();
  url = typeof a === "object" && a ? `http://127.0.0.1:${a.port}` : "";
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("balances", () => {
  it("reads the key's balance in dollars", async () => {
    const balance = await getTokenBalance(createAdminClient({ apiKey: "sk-good", baseUrl: url }));
    expect(balance).toMatchObject({
      name: "default",
      unlimited: false,
      grantedUsd: 10,
      usedUsd: 2.5,
      availableUsd: 7.5,
    });
  });
  it("turns a failed token envelope into EnvelopeError", async () => {
    await expect(getTokenBalance(createAdminClient({ apiKey: "sk-bad", baseUrl: url }))).rejects.toBeInstanceOf(
      EnvelopeError,
    );
  });
  it("reads the user's balance with the access token and New-Api-User", async () => {
    const balance = await getUserBalance(createAdminClient({ accessToken: "tok", userId: 9, baseUrl: url }));
    expect(balance).toMatchObject({ username: "alice", balanceUsd: 20, usedUsd: 1 });
  });
  it("converts at the gateway's own rate (quota_per_unit of /api/status), or at the one given", async () => {
    quotaPerUnit = 1_000_000;
    try {
      expect(await getUserBalance(createAdminClient({ accessToken: "tok", baseUrl: url }))).toMatchObject({
        balanceUsd: 10,
        usedUsd: 0.5,
      });
      expect(await getTokenBalance(createAdminClient({ apiKey: "sk-good", baseUrl: url }))).toMatchObject({
        grantedUsd: 5,
        availableUsd: 3.75,
      });
      expect(
        await getUserBalance(createAdminClient({ accessToken: "tok", baseUrl: url }), { quotaPerUnit: 500_000 }),
      ).toMatchObject({ balanceUsd: 20 });
    } finally {
      quotaPerUnit = undefined;
    }
  });
  it("refuses account calls on a client that has only an API key", async () => {
    await expect(getUserBalance(createAdminClient({ apiKey: "sk-good", baseUrl: url }))).rejects.toThrow(/account API/);
  });
});
