// More requests of the official SDKs (openai, @anthropic-ai/sdk, @google/genai), captured through a custom
// fetch like sdk-capture.test.ts, for what issue #19 names: Responses input items (a previous answer's
// output fed back), hosted and custom tools, compaction; Claude tools, thinking and cache_control; Gemini
// embeddings. Each must be allowed by the spec. A request the spec rejects fails the test unless it is a
// known spec bug being fixed (spec/reference/fidelity-floors.json, sdkRequests.rejected); FIDELITY_UPDATE=1
// rewrites that list from this run (node spec/fidelity/update-floors.mjs does it).
//
// The SDK versions are the newest whose `engines` accept Node 20 (the repository's engine-strict install
// refuses the others): openai 6.49.0 (7.x needs Node 22), @anthropic-ai/sdk 1.17.0, @google/genai 2.32.0
// (3.x needs Node 22; 2.x calls the v1beta routes by default).
import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import OpenAI from "openai";
import { afterAll, describe, expect, it } from "vitest";
import { loadFloors, writeFloors } from "@allmhub/spec/fidelity/files.mjs";
import { checkRequest, deref, operation, type CapturedRequest, type RequestCheck } from "./spec.js";

const BASE = "https://gateway.test";
const KEY = "sk-capture-0123456789";
const UPDATE = process.env.FIDELITY_UPDATE === "1";
const known = new Set<string>(loadFloors().sdkRequests.rejected);
const captured: Array<CapturedRequest & { check: RequestCheck }> = [];
const rejected = new Map<string, string>();

/** Records the request; answers with the operation's first documented JSON answer (or an error for unknown routes). */
async function fakeFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const url = new URL(request.url);
  const entry = {
    method: request.method,
    url: url.pathname + url.search,
    headers: Object.fromEntries([...request.headers.entries()]),
    body: await request.text(),
  };
  const check = checkRequest(entry);
  captured.push({ ...entry, check });
  const json = (value: unknown, status = 200) =>
    new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } });
  if (!check.operationId) return json({ error: { message: "not a route of the spec" } }, 404);
  const content = operation(check.operationId).op.responses?.["200"]?.content as
    | Record<string, { examples?: Record<string, unknown> }>
    | undefined;
  const first = Object.values(content?.["application/json"]?.examples ?? {})[0];
  return json(first ? deref<{ value: unknown }>(first).value : {});
}

const openai = new OpenAI({ apiKey: KEY, baseURL: `${BASE}/v1`, fetch: fakeFetch, maxRetries: 0 });
const anthropic = new Anthropic({ apiKey: KEY, baseURL: BASE, fetch: fakeFetch, maxRetries: 0 });
const google = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: BASE, fetch: fakeFetch } as never });

const weather = {
  type: "object",
  properties: { location: { type: "string" } },
  required: ["location"],
  additionalProperties: false,
};
const _png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const pdf = "JVBERi0xLjAKJcK1wrYKCjEgMCBvYmoKPDwvVHlwZS9DYXRhbG9nPj4KZW5kb2JqCnRyYWlsZXIKPDwvUm9vdCAxIDAgUj4+CiUlRU9G";

interface Case {
  sdk: "openai" | "anthropic" | "google";
  name: string;
  /** The spec's operation the request is for (it may not exist yet). */
  operationId: string;
  path: string;
  call(): Promise<unknown>;
}

const cases: Case[] = [
  // openai-node: Responses input items, a previous output fed back
  {
    sdk: "openai",
    name: "responses, the previous answer's output items fed back as input",
    operationId: "createResponse",
    path: "/v1/responses",
    call: () =>
      openai.responses.create({
        model: "gpt-5",
        input: [
          {
            role: "user",
            content: [{ type: "input_text", text: "What's the weather in Paris, and should I take an umbrella?" }],
          },
          {
            type: "reasoning",
            id: "rs_1",
            summary: [{ type: "summary_text", text: "Look the weather up first." }],
            encrypted_content: "gAAAAB...",
          },
          {
            type: "function_call",
            id: "fc_1",
            call_id: "call_1",
            name: "get_weather",
            arguments: '{"location":"Paris"}',
            status: "completed",
          },
          { type: "function_call_output", call_id: "call_1", output: '{"temperature":21,"rain":0.7}' },
          {
            type: "message",
            id: "msg_1",
            role: "assistant",
            status: "completed",
            content: [
              {
                type: "output_text",
                text: "It is 21°C with a 70% chance of rain: take one.",
                annotations: [],
                logprobs: [],
              },
            ],
          },
          { role: "user", content: "And tomorrow?" },
        ],
        tools: [
          { type: "function", name: "get_weather", description: "Current weather", parameters: weather, strict: true },
        ],
        reasoning: { effort: "low", summary: "auto" },
        include: ["reasoning.encrypted_content"],
        store: false,
      }),
  },
  {
    sdk: "openai",
    name: "responses, item references and a previous response id",
    operationId: "createResponse",
    path: "/v1/responses",
    call: () =>
      openai.responses.create({
        model: "gpt-4.1",
        previous_response_id: "resp_1",
        input: [
          { type: "item_reference", id: "msg_1" },
          { type: "message", role: "user", content: [{ type: "input_text", text: "Shorter, please." }] },
        ],
        truncation: "auto",
        parallel_tool_calls: true,
        metadata: { session: "s-1" },
      }),
  },
  {
    sdk: "openai",
    name: "responses, hosted tools (web search, file search, code interpreter, image generation, MCP)",
    operationId: "createResponse",
    path: "/v1/responses",
    call: () =>
      openai.responses.create({
        model: "gpt-4.1",
        input: "Find the latest figures and chart them.",
        tools: [
          {
            type: "web_search",
            search_context_size: "low",
            user_location: { type: "approximate", country: "FR", city: "Paris" },
          },
          { type: "file_search", vector_store_ids: ["vs_1"], max_num_results: 5 },
          { type: "code_interpreter", container: { type: "auto" } },
          { type: "image_generation", size: "1024x1024", quality: "low" },
          { type: "mcp", server_label: "docs", server_url: "https://mcp.example.com/sse", require_approval: "never" },
        ],
        tool_choice: "auto",
      }),
  },
  {
    sdk: "openai",
    name: "responses, a custom tool and its call fed back",
    operationId: "createResponse",
    path: "/v1/responses",
    call: () =>
      openai.responses.create({
        model: "gpt-5",
        input: [
          { role: "user", content: "Run the query." },
          { type: "custom_tool_call", call_id: "call_2", name: "sql", input: "SELECT 1" },
          { type: "custom_tool_call_output", call_id: "call_2", output: "1" },
        ],
        tools: [{ type: "custom", name: "sql", description: "Runs SQL", format: { type: "text" } }],
        text: { verbosity: "low" },
      }),
  },
  {
    sdk: "openai",
    name: "responses, input file and image by file id",
    operationId: "createResponse",
    path: "/v1/responses",
    call: () =>
      openai.responses.create({
        model: "gpt-4.1",
        input: [
          {
            role: "user",
            content: [
              { type: "input_file", filename: "doc.pdf", file_data: `data:application/pdf;base64,${pdf}` },
              { type: "input_image", file_id: "file-1", detail: "auto" },
              { type: "input_text", text: "Compare them." },
            ],
          },
        ],
      }),
  },
  {
    sdk: "openai",
    name: "responses, compaction",
    operationId: "compactResponse",
    path: "/v1/responses/compact",
    call: () =>
      openai.responses.compact({ model: "gpt-5", input: [{ role: "user", content: "A long conversation ..." }] }),
  },
  // @anthropic-ai/sdk: tools, thinking, cache_control
  {
    sdk: "anthropic",
    name: "messages, cache_control on the system prompt, a tool and the request",
    operationId: "createClaudeMessage",
    path: "/v1/messages",
    call: () =>
      anthropic.messages.create({
        model: "claude-sonnet-4-5",
        max_tokens: 1024,
        cache_control: { type: "ephemeral" },
        system: [{ type: "text", text: "You are a weather bot.", cache_control: { type: "ephemeral", ttl: "1h" } }],
        tools: [
          {
            name: "get_weather",
            description: "Current weather",
            input_schema: { type: "object", properties: { location: { type: "string" } } },
            cache_control: { type: "ephemeral" },
          },
        ],
        messages: [
          {
            role: "user",
            content: [{ type: "text", text: "Weather in Paris?", cache_control: { type: "ephemeral", ttl: "5m" } }],
          },
        ],
      }),
  },
  {
    sdk: "anthropic",
    name: "messages, thinking blocks and a tool use fed back, tool choice by name",
    operationId: "createClaudeMessage",
    path: "/v1/messages",
    call: () =>
      anthropic.messages.create({
        model: "claude-sonnet-4-5",
        max_tokens: 4096,
        thinking: { type: "enabled", budget_tokens: 2048 },
        tool_choice: { type: "tool", name: "get_weather" },
        tools: [
          {
            name: "get_weather",
            input_schema: { type: "object", properties: { location: { type: "string" } } },
            strict: true,
          },
        ],
        messages: [
          { role: "user", content: "Weather in Paris?" },
          {
            role: "assistant",
            content: [
              { type: "thinking", thinking: "I should call the tool.", signature: "sig-1" },
              { type: "redacted_thinking", data: "opaque" },
              { type: "tool_use", id: "toolu_1", name: "get_weather", input: { location: "Paris" } },
            ],
          },
          {
            role: "user",
            content: [
              {
                type: "tool_result",
                tool_use_id: "toolu_1",
                is_error: false,
                content: [{ type: "text", text: "21°C" }],
              },
            ],
          },
        ],
      }),
  },
  {
    sdk: "anthropic",
    name: "messages, adaptive thinking with output effort",
    operationId: "createClaudeMessage",
    path: "/v1/messages",
    call: () =>
      anthropic.messages.create({
        model: "claude-sonnet-4-5",
        max_tokens: 2048,
        thinking: { type: "adaptive" },
        output_config: { effort: "high" },
        messages: [{ role: "user", content: "Plan a trip." }],
      }),
  },
  {
    sdk: "anthropic",
    name: "messages, server tools (web search, code execution) and a PDF with citations",
    operationId: "createClaudeMessage",
    path: "/v1/messages",
    call: () =>
      anthropic.messages.create({
        model: "claude-sonnet-4-5",
        max_tokens: 1024,
        tools: [
          { type: "web_search_20250305", name: "web_search", max_uses: 3, allowed_domains: ["example.com"] },
          { type: "code_execution_20250825", name: "code_execution" },
        ],
        messages: [
          {
            role: "user",
            content: [
              {
                type: "document",
                source: { type: "base64", media_type: "application/pdf", data: pdf },
                title: "Report",
                citations: { enabled: true },
                cache_control: { type: "ephemeral" },
              },
              { type: "text", text: "Check the figures online." },
            ],
          },
        ],
      }),
  },
  // @google/genai: embeddings (the Gemini API form calls :batchEmbedContents)
  {
    sdk: "google",
    name: "embedContent, one text with task type and dimensionality",
    operationId: "batchEmbedContents",
    path: "/v1beta/models/gemini-embedding-001:batchEmbedContents",
    call: () =>
      google.models.embedContent({
        model: "gemini-embedding-001",
        contents: "What is the meaning of life?",
        config: { taskType: "RETRIEVAL_QUERY", outputDimensionality: 768 },
      }),
  },
  {
    sdk: "google",
    name: "embedContent, several texts with a title",
    operationId: "batchEmbedContents",
    path: "/v1beta/models/text-embedding-004:batchEmbedContents",
    call: () =>
      google.models.embedContent({
        model: "text-embedding-004",
        contents: ["first", "second"],
        config: { taskType: "RETRIEVAL_DOCUMENT", title: "Notes" },
      }),
  },
];

afterAll(() => {
  console.log(`\nofficial SDK requests the spec rejects (${rejected.size}):`);
  for (const [name, why] of rejected) console.log(`  ${name}: ${why}`);
  if (UPDATE) {
    writeFloors({ ...loadFloors(), sdkRequests: { rejected: [...rejected.keys()] } });
    console.log(`recorded ${rejected.size} known rejections in spec/reference/fidelity-floors.json`);
  }
});

describe("more requests of the official SDKs (issue #19), captured with a custom fetch", () => {
  it.each(cases)("$sdk: $name", async (c) => {
    const before = captured.length;
    await c.call().catch(() => undefined); // only the request matters here
    const sent = captured.slice(before);
    expect(sent).toHaveLength(1);
    const request = sent[0] as (typeof captured)[number];
    expect(request.method).toBe("POST");
    expect(request.url).toBe(c.path);
    const id = `${c.sdk}: ${c.name}`;
    const problems =
      request.check.operationId === c.operationId
        ? request.check.problems
        : [`${request.check.problems.join("; ") || `routed to ${request.check.operationId}, not ${c.operationId}`}`];
    if (problems.length) {
      rejected.set(id, problems.slice(0, 4).join("; "));
      if (known.has(id) || UPDATE) console.log(`${id}: rejected (known spec bug): ${problems.join("; ")}`);
      else expect(problems, `${id}: ${request.body}`).toEqual([]);
    } else if (known.has(id))
      console.log(`${id}: accepted now: drop it from the known rejections (node spec/fidelity/update-floors.mjs)`);
    if (request.check.operationId) expect(request.check.authorized).toBe(true);
  });

  it("names only its own cases in the known rejections", () => {
    const names = new Set(cases.map((c) => `${c.sdk}: ${c.name}`));
    for (const k of known) expect(names.has(k), k).toBe(true);
  });
});
