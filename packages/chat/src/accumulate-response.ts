import { StreamError } from "@allmhub/core";
import type {
  ResponsesOutputContent,
  ResponsesOutputItem,
  ResponsesResponse,
  ResponsesStreamResponse,
} from "./generated/operations.js";

type Item = ResponsesOutputItem & { [key: string]: unknown };

/**
 * Builds the final Responses object from a stream of Responses events.
 *
 * When the stream carries its terminal event (`response.completed`, or `response.incomplete` when a limit
 * cut the answer short), that event's response is returned as the gateway sent it (with the assembled output
 * filled in when the terminal event left `output` empty). Without one, the response is assembled from the
 * events: the latest `response.created` / `response.in_progress` snapshot, with every output item built from
 * its deltas (output text and refusals, function-call arguments, reasoning summaries and text) and replaced by
 * its `response.output_item.done` copy when that arrives; its `status` then still says `in_progress`, which
 * tells that the stream stopped before its end.
 *
 * `response.failed` throws a {@link StreamError} whose `body` is the event (with the partial response), and
 * an `error` event already ends the stream with a `StreamError` in `@allmhub/core`. `onEvent` sees every
 * event as it arrives.
 *
 * @example
 * const stream = await chat.createResponseStream({ model: "gpt-4.1", input: "Hello!" });
 * const response = await accumulateResponse(stream, (e) => {
 *   if (e.type === "response.output_text.delta") process.stdout.write(e.delta);
 * });
 * console.log(response.status, response.usage?.total_tokens);
 */
export async function accumulateResponse(
  stream: AsyncIterable<ResponsesStreamResponse>,
  onEvent?: (event: ResponsesStreamResponse) => void,
): Promise<ResponsesResponse> {
  let snapshot: ResponsesResponse | undefined;
  let final: ResponsesResponse | undefined;
  const items = new Map<number, Item>();

  /** The item an event points at: by output_index, else by item id; created when the stream skipped its `added` event. */
  const itemFor = (event: { output_index?: number; item_id?: string }, make: () => Item): Item => {
    if (event.output_index !== undefined) {
      const found = items.get(event.output_index);
      if (found) return found;
    } else if (event.item_id !== undefined) {
      for (const item of items.values()) if (item.id === event.item_id) return item;
    }
    const made = make();
    if (event.item_id !== undefined) made.id = event.item_id;
    items.set(event.output_index ?? nextIndex(items), made);
    return made;
  };
  const message = (event: { output_index?: number; item_id?: string }) => {
    const item = itemFor(event, () => ({
      type: "message",
      id: "",
      role: "assistant",
      status: "in_progress",
      content: [],
    }));
    if (item.type !== "message") throw new StreamError(`A text event points at a ${item.type} item.`, event);
    return item;
  };
  const textPart = (
    event: { output_index?: number; item_id?: string; content_index?: number },
    type: "output_text" | "refusal",
  ) => {
    const content = message(event).content;
    const index = event.content_index ?? Math.max(0, content.length - 1);
    let part = content[index];
    if (!part || part.type !== type) {
      part = type === "output_text" ? { type, text: "", annotations: [] } : { type, refusal: "" };
      content[index] = part;
    }
    return part;
  };
  const functionCall = (event: { output_index?: number; item_id?: string }) => {
    const item = itemFor(event, () => ({
      type: "function_call",
      status: "in_progress",
      call_id: "",
      name: "",
      arguments: "",
    }));
    if (item.type !== "function_call")
      throw new StreamError(`A function-call event points at a ${item.type} item.`, event);
    return item;
  };
  const reasoning = (event: { output_index?: number; item_id?: string }) => {
    const item = itemFor(event, () => ({ type: "reasoning", id: "", summary: [] }));
    if (item.type !== "reasoning") throw new StreamError(`A reasoning event points at a ${item.type} item.`, event);
    return item;
  };

  for await (const event of stream) {
    onEvent?.(event);
    switch (event.type) {
      case "response.created":
      case "response.in_progress":
      case "response.queued":
        snapshot = event.response;
        break;
      case "response.completed":
      case "response.incomplete":
        final = event.response;
        break;
      case "response.failed": {
        const reason = (event.response.error as { message?: unknown } | null | undefined)?.message;
        throw new StreamError(typeof reason === "string" ? reason : "The response failed.", event);
      }
      case "error":
        throw new StreamError(event.message, event);
      case "response.output_item.added":
      case "response.output_item.done":
        items.set(event.output_index, structuredClone(event.item) as Item);
        break;
      case "response.content_part.added":
      case "response.content_part.done": {
        const content = message(event).content;
        content[event.content_index ?? content.length] = structuredClone(event.part) as ResponsesOutputContent;
        break;
      }
      case "response.output_text.delta": {
        const part = textPart(event, "output_text");
        if (part.type === "output_text") part.text += event.delta;
        break;
      }
      case "response.output_text.done": {
        // new-api's converted streams leave out `text`: the deltas then stand.
        const part = textPart(event, "output_text");
        if (part.type === "output_text" && event.text !== undefined) part.text = event.text;
        break;
      }
      case "response.output_text.annotation.added": {
        const part = textPart(event, "output_text");
        if (part.type === "output_text" && event.annotation) {
          const annotations = (part.annotations ??= []);
          annotations[event.annotation_index ?? annotations.length] = event.annotation;
        }
        break;
      }
      case "response.refusal.delta": {
        const part = textPart(event, "refusal");
        if (part.type === "refusal") part.refusal += event.delta;
        break;
      }
      case "response.refusal.done": {
        const part = textPart(event, "refusal");
        if (part.type === "refusal") part.refusal = event.refusal;
        break;
      }
      case "response.function_call_arguments.delta":
        functionCall(event).arguments += event.delta;
        break;
      case "response.function_call_arguments.done": {
        const call = functionCall(event);
        if (event.arguments !== undefined) call.arguments = event.arguments;
        if (event.name) call.name = event.name;
        break;
      }
      case "response.reasoning_summary_part.added":
      case "response.reasoning_summary_part.done": {
        const summary = (reasoning(event).summary ??= []);
        const part = { ...event.part };
        summary[event.summary_index ?? summary.length] = part;
        break;
      }
      case "response.reasoning_summary_text.delta":
      case "response.reasoning_summary_text.done": {
        const summary = (reasoning(event).summary ??= []);
        const index = event.summary_index ?? Math.max(0, summary.length - 1);
        const part = (summary[index] ??= { type: "summary_text", text: "" });
        // new-api's converted streams send the finished part instead of `text`.
        part.text =
          event.type === "response.reasoning_summary_text.delta"
            ? `${part.text ?? ""}${event.delta}`
            : (event.text ?? event.part?.text ?? part.text);
        break;
      }
      case "response.reasoning_text.delta":
      case "response.reasoning_text.done": {
        const content = (reasoning(event).content ??= []);
        const index = event.content_index ?? Math.max(0, content.length - 1);
        const part = (content[index] ??= { type: "reasoning_text", text: "" });
        part.text =
          event.type === "response.reasoning_text.delta"
            ? `${typeof part.text === "string" ? part.text : ""}${event.delta}`
            : event.text;
        break;
      }
      default:
        // Progress of built-in tools (web search, file search, image generation): their items arrive whole
        // in response.output_item.done.
        break;
    }
  }

  const output = [...items.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
  if (final) return final.output.length === 0 && output.length > 0 ? { ...final, output } : final;
  return { ...(snapshot ?? { id: "", object: "response", created_at: 0, model: "", status: "in_progress" }), output };
}

function nextIndex(items: Map<number, unknown>): number {
  return items.size === 0 ? 0 : Math.max(...items.keys()) + 1;
}
