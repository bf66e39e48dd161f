// Type-check cost, baseline: the same compiler options and Node types with no SDK, so the SDKs' share shows.
export async function useNothing(apiKey: string): Promise<string[]> {
  const res = await fetch("http://127.0.0.1/", { headers: { authorization: `Bearer ${apiKey}` } });
  return [await res.text()];
}
