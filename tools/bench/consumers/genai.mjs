// @google/genai: one streamed generateContent.
import { GoogleGenAI } from "@google/genai";

const stream = await new GoogleGenAI({ apiKey: "sk-bench" }).models.generateContentStream({
  model: "gemini-2.5-flash",
  contents: "Hi",
});
for await (const chunk of stream) console.log(chunk.text ?? "");
