import { describe, expect, it } from "vitest";
import { EnvelopeError, accountEnvelope, envelopeChecks, midjourneyEnvelope, taskCodeEnvelope } from "./runtime.js";

const TOKEN = "access-token-abcdef";

describe("envelope checks", () => {
  const ok = new Response(null, { status: 200 });
  it("accepts Midjourney codes 1, 21 and 22 and returns the envelope", () => {
    for (const code of [1, 21, 22])
      expect(envelopeChecks.midjourney({ code, result: "9" }, ok)).toEqual({ code, result: "9" });
  });
  it("turns any other Midjourney code into an EnvelopeError with the code and description", () => {
    const err = (() => {
      try {
        envelopeChecks.midjourney({ code: 24, description: "可能包含敏感词" }, ok);
      } catch (e) {
        return e;
      }
    })() as EnvelopeError;
    expect(err).toBeInstanceOf(EnvelopeError);
    expect(err.code).toBe(24);
    expect(err.status).toBe(200);
    expect(err.message).toContain("可能包含敏感词");
  });
  it("returns the data of a successful account answer and throws on success: false", () => {
    expect(envelopeChecks.account({ success: true, message: "", data: { quota: 5 } }, ok)).toEqual({ quota: 5 });
    expect(() =>
      envelopeChecks.account({ success: false, message: "无权进行此操作，未登录且未提供 access token" }, ok),
    ).toThrowError(EnvelopeError);
  });
  it("returns the data of task envelopes with code success, true or 0", () => {
    expect(envelopeChecks["task-code"]({ code: "success", data: { task_id: "t" } }, ok)).toEqual({ task_id: "t" });
    expect(envelopeChecks["task-code"]({ code: true, message: "ok", data: 1 }, ok)).toBe(1);
    expect(() => envelopeChecks["task-code"]({ code: "task_not_exist", message: "task_not_exist" }, ok)).toThrowError(
      /task_not_exist/,
    );
  });
  it("is the check of each kind, also exported on its own for operation tables", () => {
    expect(envelopeChecks).toEqual({
      midjourney: midjourneyEnvelope,
      account: accountEnvelope,
      "task-code": taskCodeEnvelope,
    });
    expect(midjourneyEnvelope({ code: 22, result: "q" }, ok)).toEqual({ code: 22, result: "q" });
    expect(accountEnvelope({ success: true, data: [1] }, ok)).toEqual([1]);
    expect(taskCodeEnvelope({ code: 0, data: "id" }, ok)).toBe("id");
    expect(() => taskCodeEnvelope("not an envelope", ok)).toThrowError(/code undefined/);
    expect(() => accountEnvelope(null, ok)).toThrowError(/no message/);
  });
  it("scrubs secrets from the envelope it reports", () => {
    try {
      envelopeChecks.account({ success: false, message: `bad token ${TOKEN}` }, ok, [TOKEN]);
    } catch (e) {
      expect((e as Error).message).not.toContain(TOKEN);
      expect(JSON.stringify((e as EnvelopeError).body)).not.toContain(TOKEN);
    }
    expect.assertions(2);
  });
});
