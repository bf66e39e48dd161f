// @ts-check
import { gunzipSync } from "node:zlib";

/**
 * Reads a gzipped tarball (as `npm pack` and `pnpm pack` write them) into a map of path → contents.
 * Paths keep the tarball's own prefix (`package/`). Only regular files are returned.
 * @param {Uint8Array} gz the `.tgz` file's bytes
 * @returns {Map<string, Buffer>}
 */
export function readTarball(gz) {
  const tar = gunzipSync(gz);
  /** @type {Map<string, Buffer>} */
  const files = new Map();
  let offset = 0;
  /** @type {string | undefined} */
  let longName;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (/** @type {number} */ start, /** @type {number} */ length) =>
      header
        .subarray(start, start + length)
        .toString("utf8")
        .replace(/\0.*$/s, "");
    const size = parseInt(field(124, 12).trim() || "0", 8);
    const type = field(156, 1) || "0";
    const prefix = field(345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = undefined;
    const body = tar.subarray(offset + 512, offset + 512 + size);
    if (type === "L") longName = body.toString("utf8").replace(/\0.*$/s, "");
    else if (type === "0" || type === "7") files.set(name, Buffer.from(body));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/**
 * The files of a packed npm package, relative to the package root (without the `package/` prefix).
 * @param {Map<string, Buffer>} entries what {@link readTarball} returned
 * @returns {Map<string, Buffer>}
 */
export function packageFiles(entries) {
  /** @type {Map<string, Buffer>} */
  const files = new Map();
  for (const [name, body] of entries) files.set(name.replace(/^[^/]+\//, ""), body);
  return files;
}
