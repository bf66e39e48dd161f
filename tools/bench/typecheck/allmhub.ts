// Type-check cost, @allmhub side: one program using the four packages (chat completion, streamed chat,
// Claude message and Gemini generateContent through @allmhub/chat, an image, a video job, the model list).
// tools/bench measures `tsc --noEmit` on it against vendors.ts, which does the same with the vendor SDKs.
import { createAdminClient } from "@allmhub/admin";
import { createChatClient } from "@allmhub/chat";
import { createMediaClient } from "@allmhub/media";
import { createTasksClient } from "@allmhub/tasks";

export async function useEverything(apiKey: string): Promise<string[]> {
  const out: string[] = [];
  const chat = createChatClient({ apiKey });

  const completion = await chat.createChatCompletion({
    model: "gpt-4.1-mini",
    messages: [{ role: "user", content: "Hello!" }],
  });
  out.push(String(completion.choices[0]?.message.content ?? ""));

  const stream = await chat.createChatCompletionStream({
    model: "gpt-4.1-mini",
    messages: [{ role: "user", content: "Hi" }],
  });
  for await (const chunk of stream) out.push(chunk.choices[0]?.delta.content ?? "");

  const message = await chat.createClaudeMessage({
    model: "claude-sonnet-4-5",
    max_tokens: 1024,
    messages: [{ role: "user", content: "Hi" }],
  });
  for (const block of message.content ?? []) if (block.type === "text") out.push(block.text);

  const gemini = await chat.generateContent("gemini-2.5-flash", {
    contents: [{ role: "user", parts: [{ text: "Hi" }] }],
  });
  out.push(gemini.candidates?.[0]?.content?.parts?.[0]?.text ?? "");

  const images = await createMediaClient({ apiKey }).createImage({
    model: "gpt-image-1",
    prompt: "A lighthouse at dawn",
    size: "1024x1024",
  });
  out.push(images.data?.[0]?.url ?? "");

  const video = await createTasksClient({ apiKey }).createVideo({ model: "sora-2", prompt: "A lighthouse at dawn" });
  out.push(String(video.id));

  const { data } = await createAdminClient({ apiKey }).listModels();
  out.push(...data.map((m) => m.id));
  return out;
}
