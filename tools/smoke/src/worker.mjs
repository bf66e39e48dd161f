// @ts-check
// The smoke program in Cloudflare's workerd: `workerd test` calls `test()`, which logs the report as one line of
// JSON; the gateway's URL and the label are text bindings of the worker.
import { smoke } from "./smoke.mjs";

export default {
  /** @param {unknown} _controller @param {{ BASE_URL: string, LABEL: string }} env */
  async test(_controller, env) {
    console.log(JSON.stringify(await smoke(env.BASE_URL, env.LABEL)));
  },
};
