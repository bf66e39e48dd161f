import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AllmhubError,
  callCost,
  createAdminClient,
  getQuotaPerUnit,
  loadPrices,
  toBillingUsage,
  type ModelPricing,
} from "../src/index.js";

// Worked examples, computed by hand from new-api's formula (service/text_quota.go, calculateTextQuotaSummary,
// and relay/helper/price.go, at 823e26304a396854ace30b52b98ec497c2dd9c36); quota = tokens × ratios, rounded
// half away from zero; dollars = quota / 500000.
const gpt4oMini: ModelPricing = {
  model_name: "gpt-4o-mini",
  quota_type: 0,
  model_ratio: 0.075,
  completion_ratio: 4,
  cache_ratio: 0.5,
  model_price: 0,
};
const sonnet: ModelPricing = {
  model_name: "claude-sonnet-4-20250514",
  quota_type: 0,
  model_ratio: 1.5,
  completion_ratio: 5,
  cache_ratio: 0.1,
  create_cache_ratio: 1.25,
  model_price: 0,
};
const imagine: ModelPricing = {
  model_name: "mj_imagine",
  quota_type: 1,
  model_price: 0.1,
  model_ratio: 0,
  completion_ratio: 0,
};

describe("callCost: token-priced models", () => {
  it("prices prompt and completion tokens: (820 + 64 × 4) × 0.075 = 80.7 → 81 quota = $0.000162", () => {
    const cost = callCost({
      usage: { prompt_tokens: 820, completion_tokens: 64, total_tokens: 884 },
      pricing: gpt4oMini,
    });
    expect(cost).toMatchObject({ quota: 81, usd: 0.000162, billing: "tokens", groupRatio: 1 });
  });

  it("bills cached tokens at the cache ratio, out of the OpenAI prompt count, with the group ratio: ((2000 − 1500) + 1500 × 0.5 + 100 × 4) × 0.075 × 0.8 = 99", () => {
    const usage = { prompt_tokens: 2000, completion_tokens: 100, prompt_tokens_details: { cached_tokens: 1500 } };
    const cost = callCost({ usage, pricing: gpt4oMini, groupRatio: 0.8 });
    expect(cost.quota).toBe(99);
    expect(cost.usd).toBeCloseTo(0.000198, 12);
  });

  it("reads Responses usage the same way: input 2000 with 1500 cached, output 100: (500 + 750 + 400) × 0.075 = 123.75 → 124", () => {
    const cost = callCost({
      usage: {
        input_tokens: 2000,
        output_tokens: 100,
        total_tokens: 2100,
        input_tokens_details: { cached_tokens: 1500 },
      },
      pricing: gpt4oMini,
    });
    expect(cost.quota).toBe(124);
  });

  it("bills Claude cache reads and 5-minute / 1-hour cache writes (input_tokens exclude them): (1200 + 800 × 0.1 + 100 × 1.25 + 300 × 2 + 450 × 5) × 1.5 = 6382.5 → 6383", () => {
    const usage = {
      input_tokens: 1200,
      output_tokens: 450,
      cache_read_input_tokens: 800,
      cache_creation_input_tokens: 400,
      cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 300 },
    };
    const cost = callCost({ usage, pricing: sonnet });
    expect(cost.usage).toMatchObject({
      semantic: "anthropic",
      promptTokens: 1200,
      cachedTokens: 800,
      cacheWriteTokens: 400,
    });
    expect(cost.quota).toBe(6383);
    expect(cost.usd).toBeCloseTo(0.012766, 12);
  });

  it("bills an unsplit Claude cache write at create_cache_ratio, and uses the defaults (cache 1, write 1.25) when the gateway sets none", () => {
    // (1000 + 200 × 0.1 + 400 × 1.25 + 10 × 5) × 1.5 = 2355
    expect(
      callCost({
        usage: {
          input_tokens: 1000,
          output_tokens: 10,
          cache_read_input_tokens: 200,
          cache_creation_input_tokens: 400,
        },
        pricing: sonnet,
      }).quota,
    ).toBe(2355);
    const bare: ModelPricing = { model_name: "m", quota_type: 0, model_ratio: 1, completion_ratio: 1 };
    // (1000 − 300 − 100) + 300 × 1 + 100 × 1.25 + 0 = 1025
    expect(
      callCost({
        usage: {
          prompt_tokens: 1000,
          completion_tokens: 0,
          prompt_tokens_details: { cached_tokens: 300, cache_write_tokens: 100 },
        },
        pricing: bare,
      }).quota,
    ).toBe(1025);
  });

  it("keeps cached tokens in the prompt when new-api marks a converted usage as Claude's (usage_semantic)", () => {
    // (1200 + 800 × 0.1 + 450 × 5) × 1.5 = 5295
    const usage = {
      prompt_tokens: 1200,
      completion_tokens: 450,
      usage_semantic: "anthropic",
      prompt_tokens_details: { cached_tokens: 800 },
    };
    expect(callCost({ usage, pricing: sonnet }).quota).toBe(5295);
    // Older versions only fill the split cache-write fields; new-api reads those the Claude way too.
    const legacy = {
      prompt_tokens: 1200,
      completion_tokens: 450,
      claude_cache_creation_5_m_tokens: 100,
      prompt_tokens_details: { cached_tokens: 800, cached_creation_tokens: 100 },
    };
    // (1200 + 80 + 100 × 1.25 + 2250) × 1.5 = 5482.5 → 5483
    expect(callCost({ usage: legacy, pricing: sonnet }).quota).toBe(5483);
  });

  it("reads Gemini usageMetadata: thoughts are completion tokens, cached content is out of the prompt", () => {
    const flash: ModelPricing = {
      model_name: "gemini-2.5-flash",
      quota_type: 0,
      model_ratio: 0.15,
      completion_ratio: 4,
      cache_ratio: 0.25,
    };
    // ((1000 − 600) + 600 × 0.25 + (200 + 50) × 4) × 0.15 = 1550 × 0.15 = 232.5 → 233
    const usage = {
      promptTokenCount: 1000,
      cachedContentTokenCount: 600,
      candidatesTokenCount: 200,
      thoughtsTokenCount: 50,
      totalTokenCount: 1250,
    };
    expect(toBillingUsage(usage)).toMatchObject({
      semantic: "gemini",
      promptTokens: 1000,
      completionTokens: 250,
      cachedTokens: 600,
    });
    expect(callCost({ usage, pricing: flash }).quota).toBe(233);
  });

  it("bills image prompt tokens at the image ratio", () => {
    const vision: ModelPricing = {
      model_name: "v",
      quota_type: 0,
      model_ratio: 1,
      completion_ratio: 1,
      image_ratio: 2,
    };
    // (1000 − 400) + 400 × 2 = 1400
    expect(
      callCost({
        usage: { prompt_tokens: 1000, completion_tokens: 0, prompt_tokens_details: { image_tokens: 400 } },
        pricing: vision,
      }).quota,
    ).toBe(1400);
  });

  it("rounds in decimals as new-api does: 1500 × 0.071 = 106.5 → 107 (a float product gives 106.49999…)", () => {
    expect(1500 * 0.071).toBeLessThan(106.5);
    const model: ModelPricing = { model_name: "m", quota_type: 0, model_ratio: 0.071, completion_ratio: 1 };
    expect(callCost({ usage: { prompt_tokens: 1500, completion_tokens: 0 }, pricing: model }).quota).toBe(107);
  });

  it("charges at least 1 quota when the ratio is not 0, and nothing for a call without tokens or a free model", () => {
    expect(callCost({ usage: { prompt_tokens: 1, completion_tokens: 0 }, pricing: gpt4oMini }).quota).toBe(1);
    expect(callCost({ usage: { prompt_tokens: 0, completion_tokens: 0 }, pricing: gpt4oMini }).quota).toBe(0);
    expect(
      callCost({ usage: { prompt_tokens: 100, completion_tokens: 10 }, pricing: { ...gpt4oMini, model_ratio: 0 } })
        .quota,
    ).toBe(0);
    expect(
      callCost({ usage: { prompt_tokens: 100, completion_tokens: 10 }, pricing: gpt4oMini, groupRatio: 0 }).quota,
    ).toBe(0);
  });
});

describe("callCost: per-call priced models and the gateway's unit", () => {
  it("charges the fixed price: 0.1 × 500000 × 0.8 = 40000 quota = $0.08, whatever the tokens", () => {
    expect(
      callCost({ usage: { prompt_tokens: 5000, completion_tokens: 5000 }, pricing: imagine, groupRatio: 0.8 }),
    ).toMatchObject({ quota: 40000, usd: 0.08, billing: "per-call" });
    expect(callCost({ usage: { prompt_tokens: 1, completion_tokens: 0 }, pricing: imagine }).quota).toBe(50000);
    // new-api does not bill a text call that reports no tokens at all.
    expect(callCost({ usage: { prompt_tokens: 0, completion_tokens: 0 }, pricing: imagine }).quota).toBe(0);
  });

  it("converts at the gateway's quota per unit", () => {
    // 81 quota at 1000000 quota per dollar: the formula counts quota the same way, dollars halve.
    expect(
      callCost({ usage: { prompt_tokens: 820, completion_tokens: 64 }, pricing: gpt4oMini, quotaPerUnit: 1_000_000 }),
    ).toMatchObject({ quota: 81, usd: 0.000081 });
    expect(
      callCost({ usage: { prompt_tokens: 1, completion_tokens: 1 }, pricing: imagine, quotaPerUnit: 1_000_000 }),
    ).toMatchObject({ quota: 100000, usd: 0.1 });
  });

  it("refuses models billed by an expression", () => {
    const tiered: ModelPricing = {
      model_name: "t",
      quota_type: 0,
      model_ratio: 1,
      billing_mode: "tiered_expr",
      billing_expr: "p * 2",
    };
    expect(() => callCost({ usage: { prompt_tokens: 1, completion_tokens: 1 }, pricing: tiered })).toThrow(
      AllmhubError,
    );
  });
});

let url = "";
const hits: { url: string; authorization: string | undefined; user: string | undefined }[] = [];
const server = createServer((req, res) => {
  hits.push({
    url: req.url ?? "",
    authorization: req.headers.authorization,
    user: req.headers["new-api-user"] as string | undefined,
  });
  res.writeHead(200, { "content-type": "application/json" });
  if (req.url === "/api/status")
    return res.end(JSON.stringify({ success: true, message: "", data: { quota_per_unit: 1_000_000 } }));
  if (req.url === "/api/pricing") {
    const vip = req.headers.authorization === "tok" ? 0.5 : 0.8;
    return res.end(
      JSON.stringify({
        success: true,
        data: [gpt4oMini, imagine],
        group_ratio: { default: 1, vip },
        usable_group: { default: "", vip: "" },
      }),
    );
  }
  if (req.url === "/api/user/self")
    return res.end(JSON.stringify({ success: true, message: "", data: { id: 7, username: "alice", group: "vip" } }));
  res.end("{}");
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address();
  url = typeof a === "object" && a ? `http://127.0.0.1:${a.port}` : "";
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("loadPrices", () => {
  it("reads the prices, the unit and the user's group, and prices a call in the user's group", async () => {
    hits.length = 0;
    const prices = await loadPrices(createAdminClient({ apiKey: "sk-key", accessToken: "tok", baseUrl: url }));
    expect(prices).toMatchObject({ quotaPerUnit: 1_000_000, group: "vip" });
    // (820 + 256) × 0.075 × 0.5 (vip, the user's own ratio) = 40.35 → 40 quota, at 1000000 per dollar
    expect(prices.costOf("gpt-4o-mini", { prompt_tokens: 820, completion_tokens: 64 })).toMatchObject({
      quota: 40,
      usd: 0.00004,
      groupRatio: 0.5,
    });
    expect(
      prices.costOf("gpt-4o-mini", { prompt_tokens: 820, completion_tokens: 64 }, { group: "default" }).quota,
    ).toBe(81);
    expect(() => prices.costOf("unknown-model", { prompt_tokens: 1 })).toThrow(/no price for unknown-model/);
    // The status is public, the pricing and the user get the access token, never the API key.
    expect(hits.find((h) => h.url === "/api/status")?.authorization).toBeUndefined();
    expect(hits.find((h) => h.url === "/api/pricing")?.authorization).toBe("tok");
    expect(hits.find((h) => h.url === "/api/user/self")).toMatchObject({ authorization: "tok", user: undefined });
  });

  it("works without an access token: public prices, the default group", async () => {
    hits.length = 0;
    const prices = await loadPrices(createAdminClient({ apiKey: "sk-key", baseUrl: url }));
    expect(prices.group).toBe("default");
    expect(prices.groupRatios).toEqual({ default: 1, vip: 0.8 });
    expect(hits.map((h) => h.url).sort()).toEqual(["/api/pricing", "/api/status"]);
    expect(hits.every((h) => h.authorization === undefined)).toBe(true);
  });

  it("getQuotaPerUnit falls back to 500000 when the gateway does not report it", async () => {
    expect(await getQuotaPerUnit({ getStatus: async () => ({}) })).toBe(500_000);
    expect(await getQuotaPerUnit(createAdminClient({ apiKey: "sk-key", baseUrl: url }))).toBe(1_000_000);
  });
});
