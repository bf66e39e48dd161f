// `__proto__` keys in a stream's chunks: JSON.parse makes them own fields, and an accumulator that assigns
// them (Object.assign, obj[key] = value) would change the prototype of the object it builds. Every
// documented stream of every dialect is replayed with such a key added to every object of every event: the
// accumulated answer must be the same as without them, and every object in it a plain object or array.
import { describe, expect, it } from "vitest";
import { Stream } from "@allmhub/core";
import {
  accumulateChatCompletion,
  accumulateClaudeMessage,
  accumulateCompletion,
  accumulateGeminiResponse,
  accumulateResponse,
} from "../src/index.js";
import { eventsExamples, eventsOf, example } from "./spec.js";

const HOSTILE = { polluted: true, type: "text", text: "from the prototype", index: 0, role: "system" };

/** A copy of a JSON value with an own `__proto__` field in every object. */
function withProtoKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withProtoKeys);
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = withProtoKeys(v);
  Object.defineProperty(out, "__proto__", {
    value: { ...HOSTILE },
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return out;
}

/** The events text with the JSON `data:` lines of the events `which` picks rewritten by `rewrite`. */
function rewriteEvents(text: string, rewrite: (v: unknown) => unknown, which: (index: number) => boolean): string {
  return eventsOf(text)
    .map((event, index) =>
      event.replace(/^data: ?(.*)$/gm, (line, data: string) => {
        if (!which(index)) return line;
        try {
          return `data: ${JSON.stringify(rewrite(JSON.parse(data)))}`;
        } catch {
          return line; // [DONE]
        }
      }),
    )
    .join("");
}

const streamOf = (text: string) =>
  new Stream<never>(new Response(text, { headers: { "content-type": "text/event-stream" } }), new AbortController());

/** Every object reachable from `value` has Object.prototype or Array.prototype as its prototype. */
function prototypesArePlain(value: unknown): boolean {
  const todo = [value];
  for (let v: unknown; todo.length; ) {
    v = todo.pop();
    if (!v || typeof v !== "object") continue;
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== Array.prototype) return false;
    todo.push(...Object.values(v));
  }
  return true;
}

const DIALECTS: Array<[string, (stream: AsyncIterable<never>) => Promise<unknown>]> = [
  ["createChatCompletion", accumulateChatCompletion],
  ["createCompletion", accumulateCompletion],
  ["createClaudeMessage", accumulateClaudeMessage],
  ["createResponse", accumulateResponse],
  ["streamGenerateContent", accumulateGeminiResponse],
  ["streamGenerateContentV1", accumulateGeminiResponse],
];

describe("__proto__ keys in chunks never change an accumulated object's prototype", () => {
  for (const [operationId, accumulate] of DIALECTS) {
    for (const name of eventsExamples(operationId)) {
      it(`${operationId} ${name}`, async () => {
        const text = example<string>(`${operationId}.${name}.events`);
        const clean = await accumulate(streamOf(text));
        const count = eventsOf(text).length;
        for (const which of [...Array.from({ length: count }, (_, n) => (i: number) => i === n), () => true]) {
          const hostile = await accumulate(streamOf(rewriteEvents(text, withProtoKeys, which)));
          expect(prototypesArePlain(hostile)).toBe(true);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          // Same answer, once the `__proto__` fields some objects keep as plain data are left out (Gemini's
          // text parts that carry one are another kind of part to it, and are not joined).
          if (!operationId.startsWith("stream"))
            expect(JSON.parse(JSON.stringify(hostile), (k, v) => (k === "__proto__" ? undefined : v))).toEqual(
              JSON.parse(JSON.stringify(clean)),
            );
        }
      });
    }
  }
});

it("joins legacy logprobs without taking a __proto__ key of a later chunk as the prototype", async () => {
  const chunk = (logprobs: string) =>
    `data: {"id":"c","object":"text_completion","created":1,"model":"m","choices":[{"index":0,"text":"a","finish_reason":null,"logprobs":${logprobs}}]}\n\n`;
  const text = `${chunk('{"tokens":["a"],"token_logprobs":[-1]}')}${chunk('{"tokens":["b"],"token_logprobs":[-2],"__proto__":{"polluted":true}}')}data: [DONE]\n\n`;
  const completion = await accumulateCompletion(streamOf(text));
  expect(prototypesArePlain(completion)).toBe(true);
  expect(completion.choices[0]?.logprobs).toEqual({ tokens: ["a", "b"], token_logprobs: [-1, -2] });
});
