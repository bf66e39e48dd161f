import { createReadStream, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { toFile } from "./runtime.js";

const bytes = new Uint8Array([1, 2, 3, 4]);

describe("toFile", () => {
  it("takes a Node Buffer and guesses the type from the name", async () => {
    const file = await toFile(Buffer.from(bytes), "photo.PNG");
    expect(file.name).toBe("photo.PNG");
    expect(file.type).toBe("image/png");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
  });
  it("takes a Node read stream of a file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tofile-"));
    writeFileSync(join(dir, "a.mp3"), bytes);
    const file = await toFile(createReadStream(join(dir, "a.mp3")), "a.mp3");
    expect(file.type).toBe("audio/mpeg");
    expect(file.size).toBe(4);
  });
  it("takes web streams, Blobs and explicit types", async () => {
    const web = Readable.toWeb(Readable.from([Buffer.from([1, 2]), Buffer.from([3])])) as ReadableStream<Uint8Array>;
    expect((await toFile(web, "x.bin")).size).toBe(3);
    const fromBlob = await toFile(new Blob([bytes]), "clip", { type: "video/mp4" });
    expect(fromBlob.type).toBe("video/mp4");
    expect((await toFile(bytes.buffer, "y.unknown")).type).toBe("application/octet-stream");
  });
  it("needs a name", async () => {
    await expect(toFile(bytes, "")).rejects.toThrow(TypeError);
  });
});
