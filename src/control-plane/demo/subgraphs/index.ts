import { accountsResolvers, accountsSdl } from './accounts.ts';
import { productsResolvers, productsSdl } from './products.ts';
import { reviewsResolvers, reviewsSdl } from './reviews.ts';
import { serveSubgraph, type RunningSubgraph } from './serve.ts';

export { accountsSdl, productsSdl, reviewsSdl };

export type DemoSubgraphName = 'products' | 'reviews' | 'accounts';

export const demoSubgraphSdls: Record<DemoSubgraphName, string> = {
  products: productsSdl,
  reviews: reviewsSdl,
  accounts: accountsSdl,
};

export interface DemoSubgraphsOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  ports?: Partial<Record<DemoSubgraphName, number>>;
}

export interface DemoSubgraphs {
  subgraphs: { name: DemoSubgraphName; url: string; sdl: string }[];
  close(): Promise<void>;
}

/** Starts the three demo subgraphs (products, reviews, accounts), each on its own port. */
export async function startDemoSubgraphs(options: DemoSubgraphsOptions = {}): Promise<DemoSubgraphs> {
  const host = options.host ?? '127.0.0.1';
  const ports = options.ports ?? {};
  const specs = [
    ['products', productsSdl, productsResolvers],
    ['reviews', reviewsSdl, reviewsResolvers],
    ['accounts', accountsSdl, accountsResolvers],
  ] as const;
  const started: RunningSubgraph[] = [];
  try {
    for (const [name, sdl, resolvers] of specs) {
      started.push(await serveSubgraph(name, sdl, resolvers, host, ports[name] ?? 0));
    }
  } catch (err) {
    await Promise.all(started.map((s) => s.close()));
    throw err;
  }
  return {
    subgraphs: started.map((s) => ({ name: s.name as DemoSubgraphName, url: s.url, sdl: s.sdl })),
    close: async () => {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}
