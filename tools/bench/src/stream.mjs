/**
 * Benchmark 2: decoding a long chat stream. The same stream (thousands of documented-shape chunks) is read
 * through @allmhub/chat's `createChatCompletionStream` iterator, openai-node's stream, and a bare loop of
 * fetch + TextDecoder + eventsource-parser + JSON.parse, also run with a timeout signal (what a hand-written
 * call that can time out adds); each reader touches every chunk's delta. Measured per stream: the whole
 * read (throughput) and the time from the call to the first chunk.
 */
import { createChatClient } from "@allmhub/chat";
import { createParser } from "eventsource-parser";
import OpenAI from "openai";
import { API_KEY, RAW_TIMEOUT_MS } from "./overhead.mjs";
import { interleave, now, pairedRatio, summarize } from "./stats.mjs";

/** @typedef {"bare" | "bareTimeout" | "allmhub" | "openai"} StreamContender */
/** @type {readonly StreamContender[]} */
export const STREAM_CONTENDERS = ["bare", "bareTimeout", "allmhub", "openai"];

/** @typedef {{ firstMs: number, totalMs: number, chunks: number, text: string }} StreamRead */

/**
 * One function per contender; each reads the whole stream once and reports what it read and when.
 * @param {string} baseUrl
 * @param {any} request the chat completion request body (without `stream`)
 * @returns {Record<StreamContender, () => Promise<StreamRead>>}
 */
export function streamReaders(baseUrl, request) {
  const chat = createChatClient({ apiKey: API_KEY, baseUrl });
  const openai = new OpenAI({ apiKey: API_KEY, baseURL: `${baseUrl}/v1` });
  const url = `${baseUrl}/v1/chat/completions`;
  const headers = {
    authorization: `Bearer ${API_KEY}`,
    "content-type": "application/json",
    accept: "text/event-stream",
  };
  /** @param {AsyncIterable<any>} iterable @param {number} t0 */
  const drain = async (iterable, t0) => {
    let firstMs = -1;
    let chunks = 0;
    let text = "";
    for await (const chunk of iterable) {
      if (firstMs < 0) firstMs = now() - t0;
      chunks++;
      text += chunk.choices[0]?.delta?.content ?? "";
    }
    return { firstMs, totalMs: now() - t0, chunks, text };
  };
  /** @param {() => AbortSignal | undefined} signal */
  const bare = async (signal) => {
    const t0 = now();
    const res = await fetch(url, {
      method: "POST",
      headers,
      body: JSON.stringify({ ...request, stream: true }),
      signal: signal(),
    });
    if (!res.ok || !res.body) throw new Error(`bare fetch: HTTP ${res.status}`);
    let firstMs = -1;
    let chunks = 0;
    let text = "";
    let done = false;
    const parser = createParser({
      onEvent(event) {
        if (done) return;
        if (event.data === "[DONE]") {
          done = true;
          return;
        }
        const chunk = JSON.parse(event.data);
        if (firstMs < 0) firstMs = now() - t0;
        chunks++;
        text += chunk.choices[0]?.delta?.content ?? "";
      },
    });
    const decoder = new TextDecoder();
    for await (const bytes of /** @type {AsyncIterable<Uint8Array>} */ (/** @type {unknown} */ (res.body)))
      parser.feed(decoder.decode(bytes, { stream: true }));
    parser.feed(decoder.decode());
    return { firstMs, totalMs: now() - t0, chunks, text };
  };
  return {
    bare: () => bare(() => undefined),
    bareTimeout: () => bare(() => AbortSignal.timeout(RAW_TIMEOUT_MS)),
    allmhub: async () => {
      const t0 = now();
      return drain(await chat.createChatCompletionStream(request), t0);
    },
    openai: async () => {
      const t0 = now();
      return drain(
        /** @type {AsyncIterable<any>} */ (
          /** @type {unknown} */ (await openai.chat.completions.create({ ...request, stream: true }))
        ),
        t0,
      );
    },
  };
}

/**
 * Runs the stream benchmark.
 * @param {{ baseUrl: string, request: any, rounds?: number, warmup?: number, onRound?: (round: number) => void }} options
 */
export async function runStream({ baseUrl, request, rounds = 30, warmup = 5, onRound }) {
  const readers = streamReaders(baseUrl, request);
  const samples = await interleave(STREAM_CONTENDERS, { rounds, warmup, onRound, run: (name) => readers[name]() });
  const total = (/** @type {StreamContender} */ n) => samples[n].map((r) => r.totalMs);
  const first = (/** @type {StreamContender} */ n) => samples[n].map((r) => r.firstMs);
  const chunks = samples.bare[0]?.chunks;
  for (const n of STREAM_CONTENDERS) {
    const wrong = samples[n].find((r) => r.chunks !== chunks);
    if (wrong)
      throw new Error(`${n} read ${wrong.chunks} chunks, bare read ${chunks}: the contenders did not do the same work`);
  }
  const chunksPerSecond = (/** @type {StreamContender} */ n) =>
    summarize(samples[n].map((r) => (r.chunks / r.totalMs) * 1000));
  return {
    chunks,
    totalMs: Object.fromEntries(STREAM_CONTENDERS.map((n) => [n, summarize(total(n))])),
    firstMs: Object.fromEntries(STREAM_CONTENDERS.map((n) => [n, summarize(first(n))])),
    chunksPerSecond: Object.fromEntries(STREAM_CONTENDERS.map((n) => [n, chunksPerSecond(n)])),
    ratios: {
      totalVsBare: pairedRatio(total("allmhub"), total("bare")),
      totalVsBareTimeout: pairedRatio(total("allmhub"), total("bareTimeout")),
      totalVsOpenai: pairedRatio(total("allmhub"), total("openai")),
      firstVsBare: pairedRatio(first("allmhub"), first("bare")),
      firstVsBareTimeout: pairedRatio(first("allmhub"), first("bareTimeout")),
      firstVsOpenai: pairedRatio(first("allmhub"), first("openai")),
    },
    rounds,
  };
}
