// Type-check cost, vendor side: the same uses as allmhub.ts with openai-node, @anthropic-ai/sdk and @google/genai.
import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import OpenAI from "openai";

export async function useEverything(apiKey: string): Promise<string[]> {
  const out: string[] = [];
  const openai = new OpenAI({ apiKey });

  const completion = await openai.chat.completions.create({
    model: "gpt-4.1-mini",
    messages: [{ role: "user", content: "Hello!" }],
  });
  out.push(String(completion.choices[0]?.message.content ?? ""));

  const stream = await openai.chat.completions.create({
    model: "gpt-4.1-mini",
    messages: [{ role: "user", content: "Hi" }],
    stream: true,
  });
  for await (const chunk of stream) out.push(chunk.choices[0]?.delta.content ?? "");

  const message = await new Anthropic({ apiKey }).messages.create({
    model: "claude-sonnet-4-5",
    max_tokens: 1024,
    messages: [{ role: "user", content: "Hi" }],
  });
  for (const block of message.content) if (block.type === "text") out.push(block.text);

  const gemini = await new GoogleGenAI({ apiKey }).models.generateContent({
    model: "gemini-2.5-flash",
    contents: [{ role: "user", parts: [{ text: "Hi" }] }],
  });
  out.push(gemini.candidates?.[0]?.content?.parts?.[0]?.text ?? "");

  const images = await openai.images.generate({
    model: "gpt-image-1",
    prompt: "A lighthouse at dawn",
    size: "1024x1024",
  });
  out.push(images.data?.[0]?.url ?? "");

  const video = await openai.videos.create({ model: "sora-2", prompt: "A lighthouse at dawn" });
  out.push(String(video.id));

  const models = await openai.models.list();
  out.push(...models.data.map((m) => m.id));
  return out;
}
