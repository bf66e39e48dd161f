/**
 * Benchmark 1: per-call overhead of a typed JSON call. The documented chat completion goes to the loopback
 * server through raw fetch + JSON.parse, through the same with a timeout signal (`AbortSignal.timeout`, what
 * a hand-written call that can time out adds), through @allmhub/chat's `createChatCompletion` and through
 * openai-node's `chat.completions.create`, in interleaved rounds; each round times a batch of sequential
 * calls per contender and keeps the mean time of one call.
 */
import { createChatClient } from "@allmhub/chat";
import OpenAI from "openai";
import { interleave, now, pairedRatio, summarize } from "./stats.mjs";

export const API_KEY = "sk-bench-0000000000000000";

/** @typedef {"raw" | "rawTimeout" | "allmhub" | "openai"} OverheadContender */
/** @type {readonly OverheadContender[]} */
export const OVERHEAD_CONTENDERS = ["raw", "rawTimeout", "allmhub", "openai"];

/** The timeout of the `rawTimeout` contender: @allmhub's default (10 minutes). */
export const RAW_TIMEOUT_MS = 600_000;

/**
 * One function per contender; each sends the request once and resolves to the parsed answer.
 * @param {string} baseUrl the server, e.g. http://127.0.0.1:1234
 * @param {any} request the chat completion request body
 * @returns {Record<OverheadContender, () => Promise<any>>}
 */
export function overheadCalls(baseUrl, request) {
  const chat = createChatClient({ apiKey: API_KEY, baseUrl });
  const openai = new OpenAI({ apiKey: API_KEY, baseURL: `${baseUrl}/v1` });
  const url = `${baseUrl}/v1/chat/completions`;
  const headers = {
    authorization: `Bearer ${API_KEY}`,
    "content-type": "application/json",
    accept: "application/json",
  };
  /** @param {AbortSignal} [signal] */
  const rawCall = async (signal) => {
    const res = await fetch(url, { method: "POST", headers, body: JSON.stringify(request), signal });
    if (!res.ok) throw new Error(`raw fetch: HTTP ${res.status}`);
    return JSON.parse(await res.text());
  };
  return {
    raw: () => rawCall(),
    rawTimeout: () => rawCall(AbortSignal.timeout(RAW_TIMEOUT_MS)),
    allmhub: () => chat.createChatCompletion(request),
    openai: () => openai.chat.completions.create(request),
  };
}

/**
 * Runs the per-call benchmark.
 * @param {{ baseUrl: string, request: any, rounds?: number, warmup?: number, callsPerRound?: number, onRound?: (round: number) => void }} options
 * @returns {Promise<{ perCallMs: Record<OverheadContender, ReturnType<typeof summarize>>, ratios: { allmhubVsRaw: ReturnType<typeof pairedRatio>, allmhubVsRawTimeout: ReturnType<typeof pairedRatio>, rawTimeoutVsRaw: ReturnType<typeof pairedRatio>, allmhubVsOpenai: ReturnType<typeof pairedRatio>, openaiVsRaw: ReturnType<typeof pairedRatio> }, rounds: number, callsPerRound: number }>}
 */
export async function runOverhead({ baseUrl, request, rounds = 30, warmup = 5, callsPerRound = 200, onRound }) {
  const calls = overheadCalls(baseUrl, request);
  const samples = await interleave(OVERHEAD_CONTENDERS, {
    rounds,
    warmup,
    onRound,
    run: async (name) => {
      const call = calls[name];
      const t0 = now();
      for (let i = 0; i < callsPerRound; i++) await call();
      return (now() - t0) / callsPerRound;
    },
  });
  return {
    perCallMs: {
      raw: summarize(samples.raw),
      rawTimeout: summarize(samples.rawTimeout),
      allmhub: summarize(samples.allmhub),
      openai: summarize(samples.openai),
    },
    ratios: {
      allmhubVsRaw: pairedRatio(samples.allmhub, samples.raw),
      allmhubVsRawTimeout: pairedRatio(samples.allmhub, samples.rawTimeout),
      rawTimeoutVsRaw: pairedRatio(samples.rawTimeout, samples.raw),
      allmhubVsOpenai: pairedRatio(samples.allmhub, samples.openai),
      openaiVsRaw: pairedRatio(samples.openai, samples.raw),
    },
    rounds,
    callsPerRound,
  };
}
