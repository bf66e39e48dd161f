import { copyCompletionHeader } from "./accumulate.js";
import type { CompletionResponse } from "./generated/operations.js";

type Choice = CompletionResponse["choices"][number];

/**
 * Builds the final text completion from the chunks of a streamed legacy completion (`createCompletionStream`):
 * per choice (by `index`) the text is joined, the token logprob lists are joined, and the last
 * `finish_reason` wins; the usage is that of the last chunk that had one. `onChunk` sees every chunk.
 *
 * @example
 * const stream = await chat.createCompletionStream({ model: "gpt-3.5-turbo-instruct", prompt: "Say hello", max_tokens: 30 });
 * const completion = await accumulateCompletion(stream, (c) => process.stdout.write(c.choices[0]?.text ?? ""));
 * console.log(completion.choices[0]?.finish_reason);
 */
export async function accumulateCompletion(
  stream: AsyncIterable<CompletionResponse>,
  onChunk?: (chunk: CompletionResponse) => void,
): Promise<CompletionResponse> {
  const result: CompletionResponse = { id: "", object: "text_completion", created: 0, model: "", choices: [] };
  const choices = new Map<number, Choice>();
  for await (const chunk of stream) {
    onChunk?.(chunk);
    copyCompletionHeader(result, chunk);
    if (chunk.usage) result.usage = chunk.usage;
    chunk.choices.forEach((choice, position) => {
      const index = choice.index ?? position;
      const acc = choices.get(index) ?? { index, text: "", logprobs: null, finish_reason: null };
      choices.set(index, acc);
      acc.text += choice.text;
      if (choice.finish_reason) acc.finish_reason = choice.finish_reason;
      if (choice.logprobs) acc.logprobs = joinLogprobs(acc.logprobs, choice.logprobs);
    });
  }
  result.choices = [...choices.entries()].sort(([a], [b]) => a - b).map(([, c]) => c);
  return result;
}

/** Joins the parallel lists of legacy logprobs (tokens, token_logprobs, top_logprobs, text_offset). */
function joinLogprobs(acc: Choice["logprobs"], next: NonNullable<Choice["logprobs"]>): NonNullable<Choice["logprobs"]> {
  if (!acc) return structuredClone(next);
  const out: Record<string, unknown> = { ...acc };
  for (const [key, value] of Object.entries(next)) {
    if (key === "__proto__") continue; // its assignment would change the copy's prototype
    const before = out[key];
    out[key] = Array.isArray(before) && Array.isArray(value) ? [...before, ...value] : value;
  }
  return out;
}
