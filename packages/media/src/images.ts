// biome-ignore lint/suspicious/noExplicitAny: replies of every shape are read field by field, each field checked before use.
type LooseJson = any;

/** An image found in a model's reply: a link, or inline base64 bytes with their type. */
export interface ExtractedImage {
  /** An http(s) link to the image, when the reply gave one. */
  url?: string;
  /** Base64 bytes, when the reply carried the image inline (data URL or Gemini inline data). */
  b64?: string;
  /** The MIME type, when known. */
  mimeType?: string;
}

/** The shapes `extractImages` reads: a chat completion, a Gemini response, an image response, or text. */
export type ImageReply =
  | string
  | { choices?: ReadonlyArray<{ message?: { content?: unknown } | null } | null> | null }
  | { candidates?: ReadonlyArray<{ content?: { parts?: ReadonlyArray<unknown> | null } | null } | null> | null }
  | { data?: ReadonlyArray<{ url?: string; b64_json?: string } | null> | null };

const MARKDOWN_IMAGE = /!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const DATA_URL = /data:(image\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/=]+)/gi;
const BARE_IMAGE_URL = /https?:\/\/[^\s"'<>()]+?\.(?:png|jpe?g|webp|gif)(?:\?[^\s"'<>()]*)?(?=[\s"'<>()]|$)/gi;

/**
 * Finds the images in a reply of an image model called through chat (nano banana, gpt-4o-image,
 * seedream chat format: markdown image links, bare image links or `data:image/...;base64,` URLs in the
 * message text), in a Gemini response (inline image parts, snake_case or camelCase), or in an
 * ImageResponse (`data[].url` / `b64_json`). Each image is reported once, in order.
 *
 * @example
 * const reply = await chat.createChatCompletion({ model: "gemini-2.5-flash-image", messages });
 * for (const image of extractImages(reply)) console.log(image.url ?? `${image.b64?.length} base64 chars`);
 */
export function extractImages(reply: ImageReply | null | undefined): ExtractedImage[] {
  const out: ExtractedImage[] = [];
  const seen = new Set<string>();
  const add = (image: ExtractedImage) => {
    const key = image.url ?? image.b64 ?? "";
    if (!key || seen.has(key)) return;
    seen.add(key);
    out.push(image);
  };
  const fromText = (text: string) => {
    const taken: string[] = [];
    for (const m of text.matchAll(MARKDOWN_IMAGE)) {
      const target = m[1] ?? "";
      taken.push(target);
      const data = /^data:(image\/[a-z0-9.+-]+);base64,(.+)$/i.exec(target);
      if (data) add({ b64: data[2] ?? "", mimeType: data[1] ?? "" });
      else if (/^https?:\/\//.test(target)) add({ url: target });
    }
    for (const m of text.matchAll(DATA_URL)) add({ b64: m[2] ?? "", mimeType: m[1] ?? "" });
    for (const m of text.matchAll(BARE_IMAGE_URL)) if (!taken.includes(m[0])) add({ url: m[0] });
  };
  const fromContent = (content: unknown) => {
    if (typeof content === "string") return fromText(content);
    if (Array.isArray(content)) {
      for (const part of content as LooseJson[]) {
        if (part?.type === "text" && typeof part.text === "string") fromText(part.text);
        if (part?.type === "image_url" && typeof part.image_url?.url === "string")
          fromText(`![](${part.image_url.url})`);
      }
    }
  };
  if (!reply) return out;
  if (typeof reply === "string") {
    fromText(reply);
    return out;
  }
  const r = reply as LooseJson;
  for (const choice of r.choices ?? []) fromContent(choice?.message?.content);
  for (const candidate of r.candidates ?? []) {
    for (const part of candidate?.content?.parts ?? []) {
      const inline = part?.inlineData ?? part?.inline_data;
      const mime = inline?.mimeType ?? inline?.mime_type;
      if (inline && typeof inline.data === "string" && (!mime || String(mime).startsWith("image/")))
        add({ b64: inline.data, mimeType: mime });
      else if (typeof part?.text === "string") fromText(part.text);
    }
  }
  for (const item of r.data ?? []) {
    if (typeof item?.url === "string") add({ url: item.url });
    else if (typeof item?.b64_json === "string") add({ b64: item.b64_json, mimeType: "image/png" });
  }
  return out;
}
