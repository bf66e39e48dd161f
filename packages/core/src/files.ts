/** Anything `toFile` turns into a File: bytes, a Blob, a web or Node readable stream, or an async iterable of bytes. */
export type FileSource =
  | Blob
  | ArrayBuffer
  | ArrayBufferView
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array>;

const TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  mp3: "audio/mpeg",
  wav: "audio/wav",
  m4a: "audio/mp4",
  ogg: "audio/ogg",
  flac: "audio/flac",
  webm: "audio/webm",
  mp4: "video/mp4",
  mov: "video/quicktime",
  pdf: "application/pdf",
};

/**
 * Makes a `File` for multipart uploads (image edits, transcriptions, video references) from bytes, a
 * Blob, a Node `Buffer`, a Node `fs.createReadStream(...)`, a web ReadableStream or any async iterable of
 * bytes. The type is guessed from the name's extension unless given.
 *
 * @example
 * import { createReadStream } from "node:fs";
 * const file = await toFile(createReadStream("speech.mp3"), "speech.mp3");
 */
export async function toFile(source: FileSource, name: string, options: { type?: string } = {}): Promise<File> {
  if (typeof name !== "string" || name.trim() === "")
    throw new TypeError("toFile needs a file name, such as image.png");
  const type = options.type ?? TYPES[name.split(".").pop()?.toLowerCase() ?? ""] ?? "application/octet-stream";
  const parts = await collect(source);
  return new File(parts, name, { type });
}

/** A copy on a plain ArrayBuffer (a Blob part cannot be a view of a SharedArrayBuffer). */
function copy(view: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(view.byteLength);
  out.set(view);
  return out;
}

async function collect(source: FileSource): Promise<BlobPart[]> {
  if (source instanceof Blob) return [source];
  if (source instanceof ArrayBuffer) return [new Uint8Array(source)];
  if (ArrayBuffer.isView(source)) return [copy(new Uint8Array(source.buffer, source.byteOffset, source.byteLength))];
  const parts: BlobPart[] = [];
  if (typeof (source as ReadableStream<Uint8Array>).getReader === "function") {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return parts;
      parts.push(copy(value));
    }
  }
  if (Symbol.asyncIterator in (source as object) || Symbol.iterator in (source as object)) {
    for await (const chunk of source as AsyncIterable<Uint8Array | string>)
      parts.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : copy(chunk));
    return parts;
  }
  throw new TypeError("toFile takes bytes, a Blob, a stream or an iterable of bytes");
}
