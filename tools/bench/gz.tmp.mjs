import * as esbuild from "esbuild";
import { gzipSync } from "node:zlib";
const [entry, ...ext] = process.argv.slice(2);
const r = await esbuild.build({ entryPoints: [entry], bundle: true, minify: true, treeShaking: true, format: "esm", platform: "browser", write: false, external: ext, absWorkingDir: process.cwd() });
const out = r.outputFiles[0].contents;
console.log(entry, ext.join(","), "min", out.length, "gzip", gzipSync(out, { level: 9 }).length - 32);
