// What a call cost, computed the way the gateway bills it.
//
// The formula follows new-api's text billing, service/text_quota.go (calculateTextQuotaSummary) and
// relay/helper/price.go (ModelPriceHelper, HandleGroupRatio), QuantumNous/new-api at commit
// 823e26304a396854ace30b52b98ec497c2dd9c36 (2026-08-08), read from its mirror zyqfork/new-api; usage of the
// Claude and Gemini formats is mapped as service/billing_usage.go maps it. new-api computes in decimals
// (shopspring/decimal, from each float's shortest text) and rounds half away from zero; so does this file.
import { AllmhubError, ConfigurationError, type RequestOptions } from "@allmhub/core";
import type { AdminOperations, ModelPricing, PricingResponse } from "./generated/operations.js";

/** Quota units per US dollar on a gateway that does not report its own (new-api's QuotaPerUnit default). */
export const DEFAULT_QUOTA_PER_UNIT = 500_000;

/**
 * The gateway's quota units per US dollar, from `GET /api/status` (`quota_per_unit`), or 500000 when the
 * gateway does not report it. Public: sends no credentials.
 */
export async function getQuotaPerUnit(
  client: Pick<AdminOperations, "getStatus">,
  options?: RequestOptions,
): Promise<number> {
  const status = await client.getStatus(options);
  const unit = status?.quota_per_unit;
  return typeof unit === "number" && unit > 0 ? unit : DEFAULT_QUOTA_PER_UNIT;
}

/**
 * A call's `usage` in any of the formats the gateway answers: OpenAI Chat Completions (`prompt_tokens`, with
 * new-api's `usage_semantic` and Claude cache fields when it converts), OpenAI Responses (`input_tokens` with
 * `input_tokens_details`), Claude Messages (`input_tokens` with `cache_read_input_tokens`) or Gemini
 * (`promptTokenCount`). Pass `completion.usage`, `response.usage`, `message.usage` or `usageMetadata`.
 */
export interface CallUsage {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  total_tokens?: number | null;
  prompt_tokens_details?: TokenDetails | null;
  usage_semantic?: string | null;
  claude_cache_creation_5_m_tokens?: number | null;
  claude_cache_creation_1_h_tokens?: number | null;
  input_tokens?: number | null;
  output_tokens?: number | null;
  input_tokens_details?: TokenDetails | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_creation?: { ephemeral_5m_input_tokens?: number | null; ephemeral_1h_input_tokens?: number | null } | null;
  promptTokenCount?: number | null;
  candidatesTokenCount?: number | null;
  thoughtsTokenCount?: number | null;
  toolUsePromptTokenCount?: number | null;
  cachedContentTokenCount?: number | null;
  promptTokensDetails?: readonly ModalityCount[] | null;
  toolUsePromptTokensDetails?: readonly ModalityCount[] | null;
}

interface TokenDetails {
  cached_tokens?: number | null;
  cached_creation_tokens?: number | null;
  cache_write_tokens?: number | null;
  image_tokens?: number | null;
}

interface ModalityCount {
  modality?: string | null;
  tokenCount?: number | null;
}

/** How new-api reads prompt tokens: `openai` and `gemini` count cached tokens in them, `anthropic` does not. */
export type UsageSemantic = "openai" | "anthropic" | "gemini";

/** A usage in new-api's terms (its dto.Usage), as the billing formula reads it. */
export interface BillingUsage {
  semantic: UsageSemantic;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  cacheWrite5mTokens: number;
  cacheWrite1hTokens: number;
  imageTokens: number;
}

/** What a call cost. */
export interface CallCost {
  /** US dollars: `quota / quotaPerUnit`. */
  usd: number;
  /** Quota units, as the gateway charges them (a whole number). */
  quota: number;
  /** `tokens`: by the model's ratios; `per-call`: the model's fixed price. */
  billing: "tokens" | "per-call";
  /** The group ratio applied. */
  groupRatio: number;
  /** The usage as the formula read it. */
  usage: BillingUsage;
}

const n = (v: number | null | undefined) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/**
 * Reads a usage of any format into new-api's terms (service/billing_usage.go): Claude's `input_tokens`
 * exclude cached tokens (semantic `anthropic`); OpenAI's and Gemini's prompt counts include them.
 */
export function toBillingUsage(usage: CallUsage, semantic?: UsageSemantic): BillingUsage {
  const u = usage ?? {};
  const base = { cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, imageTokens: 0 };
  if ("promptTokenCount" in u || "candidatesTokenCount" in u) {
    let imageTokens = 0;
    for (const d of [...(u.promptTokensDetails ?? []), ...(u.toolUsePromptTokensDetails ?? [])])
      if (d?.modality === "IMAGE") imageTokens += n(d.tokenCount);
    return {
      ...base,
      semantic: semantic ?? "gemini",
      promptTokens: n(u.promptTokenCount) + n(u.toolUsePromptTokenCount),
      completionTokens: n(u.candidatesTokenCount) + n(u.thoughtsTokenCount),
      cachedTokens: n(u.cachedContentTokenCount),
      cacheWriteTokens: 0,
      imageTokens,
    };
  }
  if ("prompt_tokens" in u || "completion_tokens" in u) {
    const d = u.prompt_tokens_details ?? {};
    const split5m = n(u.claude_cache_creation_5_m_tokens);
    const split1h = n(u.claude_cache_creation_1_h_tokens);
    // new-api marks usage it converted from Claude (`usage_semantic`); older versions only fill the split
    // Claude cache-write fields, which it then reads the Claude way too (isLegacyClaudeDerivedOpenAIUsage).
    const claude = u.usage_semantic === "anthropic" || (!u.usage_semantic && (split5m > 0 || split1h > 0));
    return {
      semantic: semantic ?? (claude ? "anthropic" : u.usage_semantic === "gemini" ? "gemini" : "openai"),
      promptTokens: n(u.prompt_tokens),
      completionTokens: n(u.completion_tokens),
      cachedTokens: n(d.cached_tokens),
      cacheWriteTokens: Math.max(n(d.cached_creation_tokens), n(d.cache_write_tokens)),
      cacheWrite5mTokens: split5m,
      cacheWrite1hTokens: split1h,
      imageTokens: n(d.image_tokens),
    };
  }
  if ("cache_read_input_tokens" in u || "cache_creation_input_tokens" in u || "cache_creation" in u) {
    return {
      ...base,
      semantic: semantic ?? "anthropic",
      promptTokens: n(u.input_tokens),
      completionTokens: n(u.output_tokens),
      cachedTokens: n(u.cache_read_input_tokens),
      cacheWriteTokens: n(u.cache_creation_input_tokens),
      cacheWrite5mTokens: n(u.cache_creation?.ephemeral_5m_input_tokens),
      cacheWrite1hTokens: n(u.cache_creation?.ephemeral_1h_input_tokens),
    };
  }
  const d = u.input_tokens_details ?? {};
  return {
    ...base,
    semantic: semantic ?? "openai",
    promptTokens: n(u.input_tokens),
    completionTokens: n(u.output_tokens),
    cachedTokens: n(d.cached_tokens),
    cacheWriteTokens: Math.max(n(d.cached_creation_tokens), n(d.cache_write_tokens)),
    imageTokens: n(d.image_tokens),
  };
}

// --- decimals: value = int / 10^scale, exact, as shopspring/decimal keeps them ---
interface Dec {
  int: bigint;
  scale: number;
}

/** A float as new-api's decimal.NewFromFloat reads it: its shortest round-trip text. */
function dec(x: number): Dec {
  const [mantissa = "0", exponent = "0"] = String(x).toLowerCase().split("e");
  const [whole = "0", fraction = ""] = mantissa.split(".");
  const scale = fraction.length - Number(exponent);
  const int = BigInt(`${whole}${fraction}`);
  return scale >= 0 ? { int, scale } : { int: int * 10n ** BigInt(-scale), scale: 0 };
}
const align = (a: Dec, b: Dec): [bigint, bigint, number] => {
  const scale = Math.max(a.scale, b.scale);
  return [a.int * 10n ** BigInt(scale - a.scale), b.int * 10n ** BigInt(scale - b.scale), scale];
};
const add = (a: Dec, b: Dec): Dec => {
  const [x, y, scale] = align(a, b);
  return { int: x + y, scale };
};
const sub = (a: Dec, b: Dec): Dec => add(a, { int: -b.int, scale: b.scale });
const mul = (a: Dec, b: Dec): Dec => ({ int: a.int * b.int, scale: a.scale + b.scale });
const sign = (a: Dec) => (a.int > 0n ? 1 : a.int < 0n ? -1 : 0);
/** Rounds half away from zero to a whole number (decimal.Round(0)). */
function round(a: Dec): number {
  const unit = 10n ** BigInt(a.scale);
  const abs = a.int < 0n ? -a.int : a.int;
  const q = (abs * 2n + unit) / (unit * 2n);
  return Number(a.int < 0n ? -q : q);
}
const ZERO: Dec = { int: 0n, scale: 0 };

/**
 * new-api's factor of a one-hour Claude cache write over a five-minute one: `6 / 3.75` in relay/helper/price.go
 * (claudeCacheCreation1hMultiplier). A literal: bundlers keep top-level arithmetic as a possible side effect.
 */
const CACHE_WRITE_1H_MULTIPLIER = 1.6;

/** Input of {@link callCost}. */
export interface CallCostInput {
  /** The call's usage, in any format the gateway answers (see {@link CallUsage}). */
  usage: CallUsage;
  /** The model's entry of `GET /api/pricing` (the model the call asked for, not the one the answer names). */
  pricing: ModelPricing;
  /** The ratio of the group the call was billed in (`group_ratio` of /api/pricing; default 1). */
  groupRatio?: number | undefined;
  /** Quota units per US dollar (`quota_per_unit` of /api/status; default 500000). */
  quotaPerUnit?: number | undefined;
  /** Overrides how prompt tokens are read (normally told from the usage's shape). */
  semantic?: UsageSemantic | undefined;
}

/**
 * What a call cost, in quota units and US dollars, by new-api's formula for text calls:
 *
 * - per-call priced models (`quota_type` 1): `model_price × quotaPerUnit × groupRatio`;
 * - token priced models: `(prompt + cached × cache_ratio + cache writes × create_cache_ratio + image
 *   tokens × image_ratio + completion × completion_ratio) × model_ratio × groupRatio`, where `prompt`
 *   excludes the cached, cache-write and image tokens (Claude's `input_tokens` already exclude cached ones),
 *   rounded half away from zero, at least 1 when the ratio is not 0; a one-hour Claude cache write costs
 *   1.6 times a five-minute one. Missing ratios are the gateway's defaults (cache 1, cache write 1.25, image 1).
 *
 * Not included, because /api/pricing does not publish them: tool surcharges (web search), Gemini audio input
 * prices, per-request extra ratios, and models billed by expression (`billing_mode` `tiered_expr`, refused
 * with an error). Audio, image-generation and task routes bill differently.
 *
 * @example
 * const cost = callCost({ usage: completion.usage, pricing, groupRatio: 1 });
 * console.log(`$${cost.usd.toFixed(6)}`);
 */
export function callCost(input: CallCostInput): CallCost {
  const { pricing } = input;
  const groupRatio = input.groupRatio ?? 1;
  const quotaPerUnit = input.quotaPerUnit ?? DEFAULT_QUOTA_PER_UNIT;
  if (!(quotaPerUnit > 0)) throw new TypeError("quotaPerUnit must be positive");
  if (!(groupRatio >= 0)) throw new TypeError("groupRatio must be a number ≥ 0");
  if (pricing.billing_mode === "tiered_expr") {
    throw new AllmhubError(
      `${pricing.model_name} is billed by an expression (${pricing.billing_expr ?? "tiered_expr"}), which callCost does not evaluate.`,
    );
  }
  const usage = toBillingUsage(input.usage, input.semantic);
  const total = usage.promptTokens + usage.completionTokens;
  const G = dec(groupRatio);
  const result = (quota: number, billing: CallCost["billing"]): CallCost => ({
    usd: quota / quotaPerUnit,
    quota,
    billing,
    groupRatio,
    usage,
  });

  if (pricing.quota_type === 1) {
    // The price path applies no minimum; a call without tokens is not billed (hasBillableUsage).
    const quota = total > 0 ? round(mul(mul(dec(pricing.model_price ?? 0), dec(quotaPerUnit)), G)) : 0;
    return result(quota, "per-call");
  }

  const claude = usage.semantic === "anthropic";
  const createRatio = pricing.create_cache_ratio ?? 1.25;
  let base = dec(usage.promptTokens);
  let cached = ZERO;
  if (usage.cachedTokens !== 0) {
    if (!claude) base = sub(base, dec(usage.cachedTokens));
    cached = mul(dec(usage.cachedTokens), dec(pricing.cache_ratio ?? 1));
  }
  let writes = ZERO;
  if (usage.cacheWriteTokens !== 0 || usage.cacheWrite5mTokens > 0 || usage.cacheWrite1hTokens > 0) {
    if (!claude) {
      base = sub(base, dec(usage.cacheWriteTokens));
      writes = mul(dec(usage.cacheWriteTokens), dec(createRatio));
    } else {
      const rest = Math.max(0, usage.cacheWriteTokens - usage.cacheWrite5mTokens - usage.cacheWrite1hTokens);
      writes = add(
        add(mul(dec(rest), dec(createRatio)), mul(dec(usage.cacheWrite5mTokens), dec(createRatio))),
        mul(dec(usage.cacheWrite1hTokens), dec(createRatio * CACHE_WRITE_1H_MULTIPLIER)),
      );
    }
  }
  let images = ZERO;
  if (usage.imageTokens !== 0) {
    base = sub(base, dec(usage.imageTokens));
    images = mul(dec(usage.imageTokens), dec(pricing.image_ratio ?? 1));
  }
  if (sign(base) < 0) base = ZERO;
  const ratio = mul(dec(pricing.model_ratio ?? 0), G);
  const prompt = add(add(add(base, cached), images), writes);
  const completion = mul(dec(usage.completionTokens), dec(pricing.completion_ratio ?? 1));
  let quota = round(mul(add(prompt, completion), ratio));
  if (sign(ratio) !== 0 && quota <= 0) quota = 1;
  if (total <= 0) quota = 0;
  return result(quota, "tokens");
}

/** The gateway's prices, loaded once: see {@link loadPrices}. */
export interface Prices {
  /** Quota units per US dollar (`quota_per_unit` of /api/status, else 500000). */
  quotaPerUnit: number;
  /** The group calls are billed in unless `costOf` is told otherwise. */
  group: string;
  /** Group → ratio, as /api/pricing answers it (with the user's special ratios when signed in). */
  groupRatios: Readonly<Record<string, number>>;
  /** The pricing of each model, by name. */
  models: ReadonlyMap<string, ModelPricing>;
  /** The answer of /api/pricing. */
  raw: PricingResponse;
  /**
   * What a call of `model` (the name the call asked for) cost. Throws when the gateway has no price for the
   * model. `group`: the group the call was billed in (a key's group; a log entry's `group`).
   */
  costOf(model: string, usage: CallUsage, options?: { group?: string; semantic?: UsageSemantic }): CallCost;
}

/**
 * Loads what {@link callCost} needs from the gateway: the prices (`GET /api/pricing`), the quota units per
 * dollar (`GET /api/status`) and the group calls are billed in (`options.group`, else the user's group from
 * `GET /api/user/self` when the client has an access token, else `default`). With an access token the group
 * ratios include the special ratios the gateway gives the user's group, as billing does.
 *
 * @example
 * const prices = await loadPrices(admin);
 * const cost = prices.costOf("gpt-4o-mini", completion.usage);
 * console.log(`$${cost.usd.toFixed(6)}`);
 */
export async function loadPrices(
  client: Pick<AdminOperations, "getPricing" | "getStatus" | "getCurrentUser">,
  options: { group?: string | undefined } & Omit<RequestOptions, "query" | "extraBody"> = {},
): Promise<Prices> {
  const { group: wanted, ...callOptions } = options;
  const [raw, quotaPerUnit, group] = await Promise.all([
    client.getPricing(callOptions),
    getQuotaPerUnit(client, callOptions),
    wanted ??
      client.getCurrentUser(callOptions).then(
        (user) => user.group || "default",
        (err: unknown) => {
          if (err instanceof ConfigurationError) return "default";
          throw err;
        },
      ),
  ]);
  const models = new Map((raw.data ?? []).map((m) => [m.model_name, m]));
  const groupRatios = raw.group_ratio ?? {};
  return {
    quotaPerUnit,
    group,
    groupRatios,
    models,
    raw,
    costOf(model, usage, costOptions = {}) {
      const pricing = models.get(model);
      if (!pricing)
        throw new AllmhubError(`The gateway has no price for ${model} (not in /api/pricing for your groups).`);
      const billedIn = costOptions.group ?? group;
      return callCost({
        usage,
        pricing,
        groupRatio: groupRatios[billedIn] ?? 1,
        quotaPerUnit,
        semantic: costOptions.semantic,
      });
    },
  };
}
