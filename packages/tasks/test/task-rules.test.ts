// The rules the waitFor… helpers poll with come from the spec (`x-task` of each task query). Each must read a
// status from the documented answers of its operation (some pages show an answer cut short, without one).
import { readFileSync } from "node:fs";
import { taskStateBy } from "@allmhub/core/internal";
import { taskRule } from "@allmhub/codegen";
import { DATA_ENVELOPES, deref, operationsOf, type OperationView } from "@allmhub/spec-model";
import { describe, expect, it } from "vitest";

const bundle = JSON.parse(readFileSync(new URL("../../../spec/dist/tasks.json", import.meta.url), "utf8"));
const tasks = operationsOf(bundle).filter((o: OperationView) => o.op["x-task"]);

describe("task rules of the spec (x-task) against the documented answers", () => {
  it("covers every task family the waitFor… helpers poll", () => {
    expect(tasks.map((t: OperationView) => t.operationId).sort()).toEqual([
      "getFalRequestResult",
      "getJimengTask",
      "getKlingTask",
      "getLumaGeneration",
      "getMidjourneyTask",
      "getMinimaxVideoGeneration",
      "getReplicatePrediction",
      "getRunwayTask",
      "getSunoTask",
      "getUnifiedVideo",
      "getVideo",
      "getVideoGeneration",
      "getVolcVideoTask",
    ]);
  });

  it.each(tasks.map((t: OperationView) => [t.operationId, t] as const))(
    "%s: the rule reads a status from its documented answers",
    (_id, t) => {
      const rule = taskRule(t.op["x-task"], t.operationId);
      const examples = Object.values(t.success.content["application/json"]?.examples ?? {}).map(
        (e) => deref(bundle, e).value,
      );
      // The SDK hands the rule what a call returns: the `data` of an envelope it unwraps.
      const states = examples.map((example) =>
        taskStateBy(
          rule,
          DATA_ENVELOPES.includes(t.op["x-envelope"]) ? (example as { data?: unknown })?.data : example,
        ),
      );
      expect(
        states.some((s) => s.status !== undefined || (rule.doneIfPresent && s.state === "done")),
        JSON.stringify(examples).slice(0, 300),
      ).toBe(true);
      const read = states.filter((s) => s.status !== undefined);
      for (const s of read)
        expect(s.state === "failed" ? rule.failed : s.state === "done" ? rule.done : [s.status]).toContain(s.status);
    },
  );
});
