// What the official SDKs send for common calls, captured through a custom fetch (no network), must be
// allowed by the spec: the route, the parameters and the JSON body (Ajv 2020 against the operation's request
// schema in spec/dist/openapi.json), and the credential must be one of the operation's security schemes.
import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI, Type } from "@google/genai";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import {
  checkRequest,
  deref,
  eventsExamples,
  eventsOf,
  example,
  operation,
  type CapturedRequest,
  type RequestCheck,
} from "./spec.js";

const BASE = "https://gateway.test";
const KEY = "sk-capture-0123456789";
const captured: Array<CapturedRequest & { check: RequestCheck }> = [];

/** A fetch that records the request and answers with the spec's documented example of the operation. */
async function fakeFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const url = new URL(request.url);
  const body = await request.text();
  const headers = Object.fromEntries([...request.headers.entries()]);
  const entry = { method: request.method, url: url.pathname + url.search, headers, body };
  const check = checkRequest(entry);
  captured.push({ ...entry, check });
  if (!check.operationId)
    return new Response(JSON.stringify({ error: { message: "not a route of the spec" } }), {
      status: 404,
      headers: { "content-type": "application/json" },
    });
  const content = operation(check.operationId).op.responses["200"].content as Record<
    string,
    { examples?: Record<string, unknown> }
  >;
  const parsed = body ? (JSON.parse(body) as { stream?: unknown }) : {};
  if (parsed.stream === true || !content["application/json"]) {
    // Each event closed by a blank line, as a server sends it (the stored examples end with a single newline).
    const text = eventsOf(example<string>(`${check.operationId}.${eventsExamples(check.operationId)[0]}.events`)).join(
      "",
    );
    return new Response(text, { status: 200, headers: { "content-type": "text/event-stream" } });
  }
  const first = Object.values(content["application/json"].examples ?? {})[0];
  return new Response(JSON.stringify(deref<{ value: unknown }>(first).value), {
    status: 200,
    headers: { "content-type": "application/json" },
  });
}

const openai = new OpenAI({ apiKey: KEY, baseURL: `${BASE}/v1`, fetch: fakeFetch, maxRetries: 0 });
const anthropic = new Anthropic({ apiKey: KEY, baseURL: BASE, fetch: fakeFetch, maxRetries: 0 });
const google = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: BASE, fetch: fakeFetch } });
// @google/genai 3.x calls the Gemini API at /v1 by default (2.x, installed here, at /v1beta): the same client pinned to v1.
const googleV1 = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: BASE, apiVersion: "v1", fetch: fakeFetch } });

const drain = async (stream: AsyncIterable<unknown>) => {
  let n = 0;
  for await (const _ of stream) n++;
  return n;
};
const weatherSchema = {
  type: "object",
  properties: { location: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
  required: ["location"],
  additionalProperties: false,
};
const personSchema = {
  type: "object",
  properties: { name: { type: "string" }, age: { type: "integer" } },
  required: ["name", "age"],
  additionalProperties: false,
};
const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

interface Case {
  sdk: "openai" | "anthropic" | "google";
  name: string;
  operationId: string;
  path: string;
  /** The security scheme of the spec the SDK's credential satisfies. */
  scheme: string;
  call(): Promise<unknown>;
}

const cases: Case[] = [
  // openai-node: chat completions
  {
    sdk: "openai",
    name: "chat, plain",
    operationId: "createChatCompletion",
    path: "/v1/chat/completions",
    scheme: "bearerAuth",
    call: () =>
      openai.chat.completions.create({
        model: "gpt-4.1-mini",
        messages: [
          { role: "developer", content: "You are terse." },
          { role: "system", content: "You are a helpful assistant." },
          { role: "user", content: "Hello!" },
        ],
        temperature: 0.2,
        max_completion_tokens: 256,
        n: 1,
        seed: 7,
        stop: ["\n\n"],
        logprobs: true,
        top_logprobs: 2,
        user: "user-1",
      }),
  },
  {
    sdk: "openai",
    name: "chat, tools and a tool result turn",
    operationId: "createChatCompletion",
    path: "/v1/chat/completions",
    scheme: "bearerAuth",
    call: () =>
      openai.chat.completions.create({
        model: "gpt-4.1",
        messages: [
          { role: "user", content: "What's the weather in Paris?" },
          {
            role: "assistant",
            content: null,
            tool_calls: [
              { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"location":"Paris"}' } },
            ],
          },
          { role: "tool", tool_call_id: "call_1", content: '{"temperature":21}' },
        ],
        tools: [
          {
            type: "function",
            function: { name: "get_weather", description: "Current weather", parameters: weatherSchema, strict: true },
          },
        ],
        tool_choice: { type: "function", function: { name: "get_weather" } },
        parallel_tool_calls: false,
      }),
  },
  {
    sdk: "openai",
    name: "chat, vision (URL and base64)",
    operationId: "createChatCompletion",
    path: "/v1/chat/completions",
    scheme: "bearerAuth",
    call: () =>
      openai.chat.completions.create({
        model: "gpt-4o",
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "What is in these images?" },
              { type: "image_url", image_url: { url: "https://example.com/cat.png", detail: "high" } },
              { type: "image_url", image_url: { url: `data:image/png;base64,${png}` } },
            ],
          },
        ],
      }),
  },
  {
    sdk: "openai",
    name: "chat, JSON schema output",
    operationId: "createChatCompletion",
    path: "/v1/chat/completions",
    scheme: "bearerAuth",
    call: () =>
      openai.chat.completions.create({
        model: "gpt-4.1-mini",
        messages: [{ role: "user", content: "Alice is 30." }],
        response_format: { type: "json_schema", json_schema: { name: "person", schema: personSchema, strict: true } },
      }),
  },
  {
    sdk: "openai",
    name: "chat, reasoning effort",
    operationId: "createChatCompletion",
    path: "/v1/chat/completions",
    scheme: "bearerAuth",
    call: () =>
      openai.chat.completions.create({
        model: "o4-mini",
        messages: [{ role: "user", content: "1+1?" }],
        reasoning_effort: "low",
        max_completion_tokens: 1000,
      }),
  },
  {
    sdk: "openai",
    name: "chat, streamed with usage",
    operationId: "createChatCompletion",
    path: "/v1/chat/completions",
    scheme: "bearerAuth",
    call: async () =>
      drain(
        await openai.chat.completions.create({
          model: "gpt-4.1-mini",
          messages: [{ role: "user", content: "Hi" }],
          stream: true,
          stream_options: { include_usage: true },
        }),
      ),
  },
  // openai-node: responses
  {
    sdk: "openai",
    name: "responses, plain",
    operationId: "createResponse",
    path: "/v1/responses",
    scheme: "bearerAuth",
    call: () =>
      openai.responses.create({
        model: "gpt-4.1",
        instructions: "Be brief.",
        input: "Tell me a joke.",
        max_output_tokens: 200,
        store: false,
      }),
  },
  {
    sdk: "openai",
    name: "responses, function tools and a function_call_output turn",
    operationId: "createResponse",
    path: "/v1/responses",
    scheme: "bearerAuth",
    call: () =>
      openai.responses.create({
        model: "gpt-4.1",
        input: [
          { role: "user", content: "What's the weather in Paris?" },
          { type: "function_call", call_id: "call_1", name: "get_weather", arguments: '{"location":"Paris"}' },
          { type: "function_call_output", call_id: "call_1", output: '{"temperature":21}' },
        ],
        tools: [
          {
            type: "function",
            name: "get_weather",
            description: "Current weather",
            parameters: weatherSchema,
            strict: true,
          },
        ],
        tool_choice: "auto",
      }),
  },
  {
    sdk: "openai",
    name: "responses, vision",
    operationId: "createResponse",
    path: "/v1/responses",
    scheme: "bearerAuth",
    call: () =>
      openai.responses.create({
        model: "gpt-4.1",
        input: [
          {
            role: "user",
            content: [
              { type: "input_text", text: "Describe this image." },
              { type: "input_image", image_url: "https://example.com/cat.png", detail: "auto" },
              { type: "input_image", image_url: `data:image/png;base64,${png}`, detail: "low" },
            ],
          },
        ],
      }),
  },
  {
    sdk: "openai",
    name: "responses, JSON schema output",
    operationId: "createResponse",
    path: "/v1/responses",
    scheme: "bearerAuth",
    call: () =>
      openai.responses.create({
        model: "gpt-4.1",
        input: "Alice is 30.",
        text: { format: { type: "json_schema", name: "person", schema: personSchema, strict: true } },
      }),
  },
  {
    sdk: "openai",
    name: "responses, reasoning with a summary",
    operationId: "createResponse",
    path: "/v1/responses",
    scheme: "bearerAuth",
    call: () =>
      openai.responses.create({
        model: "gpt-5",
        input: "1+2+…+100?",
        reasoning: { effort: "medium", summary: "auto" },
        include: ["reasoning.encrypted_content"],
      }),
  },
  {
    sdk: "openai",
    name: "responses, streamed",
    operationId: "createResponse",
    path: "/v1/responses",
    scheme: "bearerAuth",
    call: async () =>
      drain(
        await openai.responses.create({ model: "gpt-4.1", input: [{ role: "user", content: "Hi" }], stream: true }),
      ),
  },
  // openai-node: embeddings, moderations, completions
  {
    sdk: "openai",
    name: "embeddings, SDK default (base64)",
    operationId: "createEmbedding",
    path: "/v1/embeddings",
    scheme: "bearerAuth",
    call: () => openai.embeddings.create({ model: "text-embedding-3-small", input: "The food was delicious." }),
  },
  {
    sdk: "openai",
    name: "embeddings, float with dimensions, several inputs",
    operationId: "createEmbedding",
    path: "/v1/embeddings",
    scheme: "bearerAuth",
    call: () =>
      openai.embeddings.create({
        model: "text-embedding-3-large",
        input: ["one", "two"],
        encoding_format: "float",
        dimensions: 256,
      }),
  },
  {
    sdk: "openai",
    name: "moderations, text and image",
    operationId: "createModeration",
    path: "/v1/moderations",
    scheme: "bearerAuth",
    call: () =>
      openai.moderations.create({
        model: "omni-moderation-latest",
        input: [
          { type: "text", text: "I want to hurt them." },
          { type: "image_url", image_url: { url: "https://example.com/a.png" } },
        ],
      }),
  },
  {
    sdk: "openai",
    name: "completions, plain",
    operationId: "createCompletion",
    path: "/v1/completions",
    scheme: "bearerAuth",
    call: () =>
      openai.completions.create({
        model: "gpt-3.5-turbo-instruct",
        prompt: "Say this is a test",
        max_tokens: 7,
        temperature: 0,
        echo: false,
        logprobs: 2,
      }),
  },
  {
    sdk: "openai",
    name: "completions, streamed",
    operationId: "createCompletion",
    path: "/v1/completions",
    scheme: "bearerAuth",
    call: async () =>
      drain(
        await openai.completions.create({
          model: "gpt-3.5-turbo-instruct",
          prompt: ["a", "b"],
          stream: true,
          stream_options: { include_usage: true },
        }),
      ),
  },
  // @anthropic-ai/sdk: messages
  {
    sdk: "anthropic",
    name: "messages, plain with a system prompt",
    operationId: "createClaudeMessage",
    path: "/v1/messages",
    scheme: "bearerAuth",
    call: () =>
      anthropic.messages.create({
        model: "claude-sonnet-4-20250514",
        max_tokens: 1024,
        system: [{ type: "text", text: "You are terse.", cache_control: { type: "ephemeral" } }],
        messages: [{ role: "user", content: "Hello, Claude" }],
        stop_sequences: ["END"],
        metadata: { user_id: "user-1" },
      }),
  },
  {
    sdk: "anthropic",
    name: "messages, tools and a tool_result turn",
    operationId: "createClaudeMessage",
    path: "/v1/messages",
    scheme: "bearerAuth",
    call: () =>
      anthropic.messages.create({
        model: "claude-sonnet-4-20250514",
        max_tokens: 1024,
        tools: [
          {
            name: "get_weather",
            description: "Current weather",
            input_schema: { type: "object", properties: { location: { type: "string" } }, required: ["location"] },
          },
        ],
        tool_choice: { type: "auto", disable_parallel_tool_use: true },
        messages: [
          { role: "user", content: "What's the weather in Paris?" },
          {
            role: "assistant",
            content: [{ type: "tool_use", id: "toolu_1", name: "get_weather", input: { location: "Paris" } }],
          },
          { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "21°C, sunny" }] },
        ],
      }),
  },
  {
    sdk: "anthropic",
    name: "messages, vision (base64 and URL)",
    operationId: "createClaudeMessage",
    path: "/v1/messages",
    scheme: "bearerAuth",
    call: () =>
      anthropic.messages.create({
        model: "claude-sonnet-4-20250514",
        max_tokens: 1024,
        messages: [
          {
            role: "user",
            content: [
              { type: "image", source: { type: "base64", media_type: "image/png", data: png } },
              { type: "image", source: { type: "url", url: "https://example.com/cat.png" } },
              { type: "text", text: "Describe these images." },
            ],
          },
        ],
      }),
  },
  {
    sdk: "anthropic",
    name: "messages, extended thinking",
    operationId: "createClaudeMessage",
    path: "/v1/messages",
    scheme: "bearerAuth",
    call: () =>
      anthropic.messages.create({
        model: "claude-sonnet-4-20250514",
        max_tokens: 4096,
        thinking: { type: "enabled", budget_tokens: 2048 },
        messages: [{ role: "user", content: "Are there infinitely many primes?" }],
      }),
  },
  {
    sdk: "anthropic",
    name: "messages, JSON schema output",
    operationId: "createClaudeMessage",
    path: "/v1/messages",
    scheme: "bearerAuth",
    call: () =>
      anthropic.messages.create({
        model: "claude-opus-4-1-20250805",
        max_tokens: 1024,
        messages: [{ role: "user", content: "Alice is 30." }],
        output_config: { format: { type: "json_schema", schema: personSchema } },
      }),
  },
  {
    sdk: "anthropic",
    name: "messages, streamed",
    operationId: "createClaudeMessage",
    path: "/v1/messages",
    scheme: "bearerAuth",
    call: async () =>
      drain(
        await anthropic.messages.create({
          model: "claude-sonnet-4-20250514",
          max_tokens: 1024,
          messages: [{ role: "user", content: "Hi" }],
          stream: true,
        }),
      ),
  },
  {
    sdk: "anthropic",
    name: "messages, stream helper",
    operationId: "createClaudeMessage",
    path: "/v1/messages",
    scheme: "bearerAuth",
    call: () =>
      anthropic.messages
        .stream({ model: "claude-sonnet-4-20250514", max_tokens: 1024, messages: [{ role: "user", content: "Hi" }] })
        .finalMessage(),
  },
  // @google/genai: generateContent and its stream
  {
    sdk: "google",
    name: "generateContent, plain with a system instruction",
    operationId: "generateContent",
    path: "/v1beta/models/gemini-2.5-flash:generateContent",
    scheme: "googleApiKey",
    call: () =>
      google.models.generateContent({
        model: "gemini-2.5-flash",
        contents: "Explain how AI works in a few words",
        config: {
          systemInstruction: "You are a cat.",
          temperature: 0.7,
          topP: 0.9,
          maxOutputTokens: 256,
          stopSequences: ["END"],
        },
      }),
  },
  {
    sdk: "google",
    name: "generateContent, function declarations and a function response turn",
    operationId: "generateContent",
    path: "/v1beta/models/gemini-2.5-flash:generateContent",
    scheme: "googleApiKey",
    call: () =>
      google.models.generateContent({
        model: "gemini-2.5-flash",
        contents: [
          { role: "user", parts: [{ text: "What's the weather in Paris?" }] },
          { role: "model", parts: [{ functionCall: { name: "get_weather", args: { location: "Paris" } } }] },
          { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { temperature: 21 } } }] },
        ],
        config: {
          tools: [
            {
              functionDeclarations: [
                {
                  name: "get_weather",
                  description: "Current weather",
                  parameters: {
                    type: Type.OBJECT,
                    properties: { location: { type: Type.STRING } },
                    required: ["location"],
                  },
                },
              ],
            },
          ],
          toolConfig: { functionCallingConfig: { mode: "ANY" as never, allowedFunctionNames: ["get_weather"] } },
        },
      }),
  },
  {
    sdk: "google",
    name: "generateContent, vision (inline data and file URI)",
    operationId: "generateContent",
    path: "/v1beta/models/gemini-2.5-flash:generateContent",
    scheme: "googleApiKey",
    call: () =>
      google.models.generateContent({
        model: "gemini-2.5-flash",
        contents: [
          {
            role: "user",
            parts: [
              { inlineData: { mimeType: "image/png", data: png } },
              { fileData: { mimeType: "video/mp4", fileUri: "https://example.com/v.mp4" } },
              { text: "Describe these." },
            ],
          },
        ],
      }),
  },
  {
    sdk: "google",
    name: "generateContent, JSON schema output",
    operationId: "generateContent",
    path: "/v1beta/models/gemini-2.5-flash:generateContent",
    scheme: "googleApiKey",
    call: () =>
      google.models.generateContent({
        model: "gemini-2.5-flash",
        contents: "Alice is 30.",
        config: { responseMimeType: "application/json", responseJsonSchema: personSchema },
      }),
  },
  {
    sdk: "google",
    name: "generateContent, response schema (OpenAPI subset)",
    operationId: "generateContent",
    path: "/v1beta/models/gemini-2.5-flash:generateContent",
    scheme: "googleApiKey",
    call: () =>
      google.models.generateContent({
        model: "gemini-2.5-flash",
        contents: "List two cookie recipes.",
        config: {
          responseMimeType: "application/json",
          responseSchema: {
            type: Type.ARRAY,
            items: { type: Type.OBJECT, properties: { recipeName: { type: Type.STRING } } },
          },
        },
      }),
  },
  {
    sdk: "google",
    name: "generateContent, thinking",
    operationId: "generateContent",
    path: "/v1beta/models/gemini-2.5-pro:generateContent",
    scheme: "googleApiKey",
    call: () =>
      google.models.generateContent({
        model: "gemini-2.5-pro",
        contents: "Hi",
        config: { thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } },
      }),
  },
  {
    sdk: "google",
    name: "generateContentStream (streamGenerateContent, alt=sse)",
    operationId: "streamGenerateContent",
    path: "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
    scheme: "googleApiKey",
    call: async () =>
      drain(
        await google.models.generateContentStream({
          model: "gemini-2.5-flash",
          contents: "Write a haiku.",
          config: { thinkingConfig: { includeThoughts: true } },
        }),
      ),
  },
  {
    sdk: "google",
    name: "generateContent, safety settings, hosted tools, speech, media and sampling settings",
    operationId: "generateContent",
    path: "/v1beta/models/gemini-2.5-flash:generateContent",
    scheme: "googleApiKey",
    call: () =>
      google.models.generateContent({
        model: "gemini-2.5-flash",
        contents: [{ role: "user", parts: [{ text: "Summarise https://example.com and read it aloud." }] }],
        config: {
          safetySettings: [{ category: "HARM_CATEGORY_HARASSMENT" as never, threshold: "BLOCK_ONLY_HIGH" as never }],
          tools: [{ googleSearch: {} }, { urlContext: {} }, { codeExecution: {} }],
          toolConfig: { retrievalConfig: { languageCode: "en" } },
          responseModalities: ["AUDIO" as never],
          speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: "Kore" } } },
          mediaResolution: "MEDIA_RESOLUTION_LOW" as never,
          seed: 7,
          topK: 40,
          candidateCount: 1,
          presencePenalty: 0.1,
          frequencyPenalty: 0.1,
          responseLogprobs: true,
          logprobs: 2,
          thinkingConfig: { thinkingBudget: 0 },
          cachedContent: "cachedContents/abc123",
        },
      }),
  },
  {
    sdk: "google",
    name: "embedContent (batchEmbedContents on the Gemini API)",
    operationId: "batchEmbedContents",
    path: "/v1beta/models/gemini-embedding-001:batchEmbedContents",
    scheme: "googleApiKey",
    call: () =>
      google.models.embedContent({
        model: "gemini-embedding-001",
        contents: ["What is the meaning of life?", "How do bicycles work?"],
        config: { taskType: "RETRIEVAL_DOCUMENT", outputDimensionality: 8 },
      }),
  },
  {
    sdk: "google",
    name: "generateContent on the v1 path (the 3.x default)",
    operationId: "generateContentV1",
    path: "/v1/models/gemini-2.5-flash:generateContent",
    scheme: "googleApiKey",
    call: () =>
      googleV1.models.generateContent({
        model: "gemini-2.5-flash",
        contents: "Explain how AI works in a few words",
        config: { systemInstruction: "You are a concise teacher.", temperature: 0.7, maxOutputTokens: 256 },
      }),
  },
  {
    sdk: "google",
    name: "generateContentStream on the v1 path",
    operationId: "streamGenerateContentV1",
    path: "/v1/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
    scheme: "googleApiKey",
    call: async () =>
      drain(
        await googleV1.models.generateContentStream({
          model: "gemini-2.5-flash",
          contents: "Write a haiku.",
          config: { thinkingConfig: { includeThoughts: true } },
        }),
      ),
  },
  {
    sdk: "google",
    name: "embedContent on the v1 path",
    operationId: "batchEmbedContentsV1",
    path: "/v1/models/gemini-embedding-001:batchEmbedContents",
    scheme: "googleApiKey",
    call: () =>
      googleV1.models.embedContent({ model: "gemini-embedding-001", contents: "What is the meaning of life?" }),
  },
];

describe("requests of the official SDKs, captured with a custom fetch", () => {
  it.each(cases)("$sdk: $name is allowed by the spec", async (c) => {
    const before = captured.length;
    await c.call();
    const sent = captured.slice(before);
    expect(sent).toHaveLength(1);
    const request = sent[0] as (typeof captured)[number];
    expect(request.method).toBe("POST");
    expect(request.url).toBe(c.path);
    expect(request.check.operationId).toBe(c.operationId);
    // An SDK request the spec rejects is a spec bug: the message names the field and the schema.
    expect(request.check.problems, JSON.stringify(JSON.parse(request.body))).toEqual([]);
    expect(request.check.authorized).toBe(true);
    expect(request.check.schemes).toEqual([c.scheme]);
    expect(request.headers["content-type"]).toMatch(/^application\/json/);
  });

  it("covers every SDK and operation the issue names", () => {
    const covered = new Set(cases.map((c) => `${c.sdk}:${c.operationId}`));
    for (const need of [
      "openai:createChatCompletion",
      "openai:createResponse",
      "openai:createEmbedding",
      "openai:createModeration",
      "openai:createCompletion",
      "anthropic:createClaudeMessage",
      "google:generateContent",
      "google:streamGenerateContent",
      "google:batchEmbedContents",
      "google:generateContentV1",
      "google:streamGenerateContentV1",
    ])
      expect(covered).toContain(need);
  });

  it("sends the credentials each SDK is known for", () => {
    const bySdk = (sdk: Case["sdk"]) =>
      captured.filter((r) => cases.some((c) => c.sdk === sdk && r.check.operationId === c.operationId));
    for (const r of bySdk("openai")) expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
    // @anthropic-ai/sdk 1.x sends the key as a bearer token (0.x sent x-api-key), with an anthropic-version.
    for (const r of bySdk("anthropic")) {
      expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(r.headers["anthropic-version"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const r of bySdk("google")) {
      expect(r.headers["x-goog-api-key"]).toBe(KEY);
      expect(r.headers.authorization).toBeUndefined();
    }
  });
});

describe("the request check is strict", () => {
  const base = { method: "POST", headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" } };

  it("flags a body the schema rejects, a missing credential and a route the spec lacks", () => {
    expect(
      checkRequest({ ...base, url: "/v1/chat/completions", body: JSON.stringify({ model: "m" }) }).problems,
    ).toEqual([expect.stringContaining("must have required property 'messages'")]);
    expect(
      checkRequest({
        ...base,
        url: "/v1/messages",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: "m", messages: [] }),
      }).authorized,
    ).toBe(false);
    expect(checkRequest({ ...base, url: "/v1/chat/complete", body: "{}" }).operationId).toBeUndefined();
  });

  it("reads Claude's x-api-key and Gemini's ?key= and flags query parameters the spec does not declare", () => {
    const claude = checkRequest({
      ...base,
      url: "/v1/messages",
      headers: { "x-api-key": KEY, "content-type": "application/json" },
      body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(claude).toMatchObject({ problems: [], authorized: true, schemes: ["anthropicApiKey"] });
    const gemini = checkRequest({
      ...base,
      url: `/v1beta/models/g:streamGenerateContent?alt=sse&key=${KEY}&foo=1`,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ contents: [] }),
    });
    expect(gemini).toMatchObject({
      operationId: "streamGenerateContent",
      authorized: true,
      schemes: ["googleApiKeyQuery"],
      problems: ["query parameter foo is not in the spec"],
    });
  });
});
