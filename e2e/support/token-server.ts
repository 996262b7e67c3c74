import { createServer, type IncomingMessage, type Server } from 'node:http';

/**
 * A stand-in for a team's real token-protected API, on one of the ports given to these tests:
 * `/token` hands out a token (with CORS, as an IdP's token endpoint would for a browser), and
 * `/graphql` is a subgraph whose `whoami` answers with the Authorization header it received.
 */
export interface TokenServer {
  url: string;
  tokenRequests: number;
  /** Authorization headers the subgraph received, in order. */
  seenAuthorization: (string | null)[];
  close(): Promise<void>;
}

export const whoamiField = 'whoami: String';

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

export async function startTokenServer(port: number, token: string): Promise<TokenServer> {
  const state = { tokenRequests: 0, seenAuthorization: [] as (string | null)[] };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST' };
      if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
      if (req.url === '/token') {
        state.tokenRequests++;
        // A real token endpoint would refuse a request carrying the studio's cookies; say so if one does.
        const leaked = Boolean(req.headers.cookie);
        return res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify({ access_token: token, leakedCookie: leaked }));
      }
      if (req.url === '/graphql' && req.method === 'POST') {
        const { query } = JSON.parse(await body(req)) as { query: string };
        const auth = req.headers.authorization ?? null;
        if (query.includes('whoami')) state.seenAuthorization.push(auth);
        return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { whoami: auth } }));
      }
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    get tokenRequests() {
      return state.tokenRequests;
    },
    seenAuthorization: state.seenAuthorization,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
