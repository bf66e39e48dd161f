// @allmhub/chat: one streamed chat completion (the README's streaming example).
import { createChatClient } from "@allmhub/chat";

const stream = await createChatClient({ apiKey: "sk-bench" }).createChatCompletionStream({
  model: "gpt-4.1-mini",
  messages: [{ role: "user", content: "Hi" }],
});
for await (const chunk of stream) console.log(chunk.choices[0]?.delta.content ?? "");
