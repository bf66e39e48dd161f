import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

export interface TestServer {
  url: string;
  hits: Array<{ method: string; url: string; headers: IncomingMessage["headers"]; body: string }>;
  closed: Promise<void>[];
  close(): Promise<void>;
}

/** A loopback HTTP server whose handler gets the hit number (0-based). */
export async function startServer(
  handler: (req: IncomingMessage, res: ServerResponse, hit: number) => void,
): Promise<TestServer> {
  const hits: TestServer["hits"] = [];
  const closed: Promise<void>[] = [];
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    hits.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
    closed.push(new Promise((resolve) => res.on("close", () => resolve())));
    handler(req, res, hits.length - 1);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    hits,
    closed,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
