export default /* sql */ `
-- Entity keys a graph's routers saw real subgraphs resolve (decision 0010): the first
-- source of a mock's key pools. One row per router token, replaced by each push, so every
-- control plane on the database reads the same keys, and revoking or deleting a token or
-- graph takes its keys with it.
CREATE TABLE router_observed_keys (
  graph_id uuid NOT NULL REFERENCES federated_graphs(id) ON DELETE CASCADE,
  router_token_id uuid NOT NULL REFERENCES router_tokens(id) ON DELETE CASCADE,
  keys jsonb NOT NULL,
  pushed_at timestamptz NOT NULL,
  PRIMARY KEY (graph_id, router_token_id)
);
`;
