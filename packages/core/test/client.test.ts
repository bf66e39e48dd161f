import { describe, expect, it } from "vitest";
import { ConfigurationError, createGatewayClient, createPackageClient } from "./runtime.js";

const KEY = "sk-test-secret-0123456789";

describe("createPackageClient", () => {
  it("binds operations to a checked gateway client", () => {
    const c = createPackageClient((g) => ({ base: () => g.baseUrl }), { apiKey: KEY, baseUrl: "http://127.0.0.1:1" });
    expect(c.base()).toBe("http://127.0.0.1:1");
    expect(c.gateway.baseUrl).toBe("http://127.0.0.1:1");
  });
  it("fails at creation when the key is missing", () => {
    const saved = process.env.ALLMHUB_API_KEY;
    delete process.env.ALLMHUB_API_KEY;
    try {
      expect(() => createPackageClient(() => ({}), {})).toThrowError(ConfigurationError);
    } finally {
      if (saved !== undefined) process.env.ALLMHUB_API_KEY = saved;
    }
  });
  it("does not show the key when the client is logged", () => {
    const c = createGatewayClient({ apiKey: KEY, baseUrl: "http://127.0.0.1:1" });
    expect(JSON.stringify(c)).not.toContain(KEY);
  });
});
