// @ts-check
// The smoke program from a command line (Node, Bun, Deno): `<runtime> cli.mjs <gateway URL> <label>` prints
// the report as one line of JSON.
import { smoke } from "./smoke.mjs";

const [baseUrl, label] = process.argv.slice(2);
if (!baseUrl || !label) throw new Error("usage: cli.mjs <gateway URL> <label>");
console.log(JSON.stringify(await smoke(baseUrl, label)));
