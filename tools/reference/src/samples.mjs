// @ts-check
// The SDK call of every documented request example, for the reference site's `x-codeSamples`: the examples are
// paired by name as the contract runner replays them, and written in the SDK's call shape by codegen.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describeOperations } from "@allmhub/codegen/describe";
import { sampleModule } from "@allmhub/codegen/samples";
import { collectScenarios } from "@allmhub/contract/scenarios";
import { deref, operationsById } from "@allmhub/spec-model";

/**
 * @typedef {{
 *   operationId: string, package: string, example: string | null, label: string, lang: string, source: string,
 *   skipped: string | null,
 * }} CodeSample
 *   One SDK call: `example` is the request example it sends (null for an operation whose examples are answers
 *   only), `skipped` the reason an `x-untyped` example is not shown as a call.
 */

/** The language Redoc shows on a sample. */
export const SAMPLE_LANG = "TypeScript";

/**
 * The SDK call of every request example of every operation that names its package (`x-package`), in document
 * order; an operation documented by answers only gets one call. Identical calls are kept once.
 * @param {any} spec the bundled spec
 * @returns {CodeSample[]}
 */
export function codeSamples(spec) {
  const infos = new Map(describeOperations(spec).map((op) => [op.operationId, op]));
  const views = operationsById(spec);
  /** @type {Map<string, CodeSample[]>} */
  const byOperation = new Map();
  for (const s of collectScenarios(spec)) {
    const op = infos.get(s.operationId);
    if (!op || !s.package) continue;
    const fromRequest = s.body !== undefined || s.params !== undefined;
    const view = views.get(s.operationId);
    const name = s.name.replace(/ \(form\)$/, "");
    const bodyExample = s.bodyMedia
      ? deref(spec, view?.requestBody?.content?.[s.bodyMedia]?.examples?.[name])
      : undefined;
    // A request whose answer is documented as events of the same name is sent with the streamed method, also
    // when no stream flag asks for them (speech with `stream_format: "sse"`).
    const streamed = s.stream || (fromRequest && Boolean(view?.success.content["text/event-stream"]?.examples?.[name]));
    const untyped = typeof bodyExample?.["x-untyped"] === "string" ? bodyExample["x-untyped"] : null;
    const source = sampleModule(op, s.package, {
      name: fromRequest ? s.name : null,
      source: fromRequest ? s.source : "",
      ...s.params,
      body: s.body,
      bodyMedia: s.bodyMedia,
      extraFields: s.extraFields,
      stream: streamed,
      untyped,
    });
    const list = byOperation.get(s.operationId) ?? [];
    if (list.some((sample) => sample.source === source)) continue;
    list.push({
      operationId: s.operationId,
      package: s.package,
      example: fromRequest ? s.name : null,
      label: `@allmhub/${s.package}`,
      lang: SAMPLE_LANG,
      source,
      skipped: untyped,
    });
    byOperation.set(s.operationId, list);
  }
  // An operation with several calls names the example of each on its tab.
  for (const list of byOperation.values())
    if (list.length > 1) for (const sample of list) if (sample.example) sample.label += `: ${sample.example}`;
  return [...byOperation.values()].flat();
}

/**
 * Writes each sample as `<operationId>__<example>.ts` in a fresh folder.
 * @param {string} dir
 * @param {CodeSample[]} samples
 * @returns {string[]} the files, in the order of the samples
 */
export function writeSamples(dir, samples) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return samples.map((s) => {
    const file = join(dir, `${s.operationId}__${(s.example ?? "call").replace(/[^\w.-]+/g, "_")}.ts`);
    writeFileSync(file, s.source);
    return file;
  });
}
