import { assignDefined } from "./assign-defined.js";
import type { GeminiPart, GeminiResponse } from "./generated/operations.js";

type Candidate = NonNullable<GeminiResponse["candidates"]>[number];

/**
 * Builds one Gemini response from the chunks of `streamGenerateContent`: per candidate (by `index`), the text
 * parts are joined (thought summaries, `thought: true`, apart from the answer), function calls, inline data
 * (images, audio) and every other part are kept in order, and the last `finishReason`, safety ratings and
 * grounding data win; at the top level the last `usageMetadata` (Gemini reports running totals),
 * `modelVersion`, `responseId` and `promptFeedback` win. `onChunk` sees every chunk as it arrives.
 *
 * @example
 * const stream = await chat.streamGenerateContent("gemini-2.5-flash", {
 *   contents: [{ role: "user", parts: [{ text: "Explain how AI works in a few words" }] }],
 * });
 * const response = await accumulateGeminiResponse(stream, (c) => process.stdout.write(c.candidates?.[0]?.content?.parts?.[0]?.text ?? ""));
 * console.log(response.candidates?.[0]?.finishReason, response.usageMetadata?.totalTokenCount);
 */
export async function accumulateGeminiResponse(
  stream: AsyncIterable<GeminiResponse>,
  onChunk?: (chunk: GeminiResponse) => void,
): Promise<GeminiResponse> {
  const result: GeminiResponse = {};
  const candidates = new Map<number, Candidate & { content: { parts: GeminiPart[] } }>();
  for await (const chunk of stream) {
    onChunk?.(chunk);
    const { candidates: chunkCandidates, ...top } = chunk;
    assignDefined(result, top, true);
    (chunkCandidates ?? []).forEach((candidate, position) => {
      const index = candidate.index ?? position;
      let acc = candidates.get(index);
      if (!acc) {
        acc = { content: { parts: [] } };
        candidates.set(index, acc);
      }
      const { content, ...fields } = candidate;
      assignDefined(acc, fields, true);
      if (content?.role) acc.content.role = content.role;
      for (const part of content?.parts ?? []) appendPart(acc.content.parts, part);
    });
  }
  if (candidates.size) result.candidates = [...candidates.entries()].sort(([a], [b]) => a - b).map(([, c]) => c);
  return result;
}

const TEXT_KEYS = new Set(["text", "thought", "thoughtSignature", "thought_signature"]);

/** A part that holds only text (and perhaps the thought flag and signature). */
function isTextPart(part: GeminiPart): part is GeminiPart & { text: string } {
  return typeof part.text === "string" && Object.keys(part).every((k) => TEXT_KEYS.has(k));
}

function signatureOf(part: GeminiPart): unknown {
  return part.thoughtSignature ?? part.thought_signature;
}

/**
 * Joins a text piece to the previous part when both are text of the same kind (answer or thought) and the
 * previous one is not yet sealed by a thought signature; anything else starts a new part.
 */
function appendPart(parts: GeminiPart[], part: GeminiPart): void {
  const last = parts.at(-1);
  if (
    last &&
    isTextPart(part) &&
    isTextPart(last) &&
    Boolean(last.thought) === Boolean(part.thought) &&
    signatureOf(last) === undefined
  ) {
    last.text += part.text;
    if (part.thoughtSignature !== undefined) last.thoughtSignature = part.thoughtSignature;
    if (part.thought_signature !== undefined) last.thought_signature = part.thought_signature;
    return;
  }
  parts.push(structuredClone(part));
}
