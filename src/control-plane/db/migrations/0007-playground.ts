export default /* sql */ `
-- What a graph's playground shares among its members: non-secret environment values and
-- the preflight script. Secrets never come here; they stay in each person's browser.
CREATE TABLE playground_settings (
  graph_id uuid PRIMARY KEY REFERENCES federated_graphs(id) ON DELETE CASCADE,
  environment jsonb NOT NULL DEFAULT '{}',
  environment_updated_by text,
  environment_updated_at timestamptz,
  preflight_script text NOT NULL DEFAULT '',
  preflight_updated_by text,
  preflight_updated_at timestamptz
);

-- Saved operations, grouped in collections, shared per graph.
CREATE TABLE playground_collections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  graph_id uuid NOT NULL REFERENCES federated_graphs(id) ON DELETE CASCADE,
  name text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (graph_id, name)
);

CREATE TABLE playground_operations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collection_id uuid NOT NULL REFERENCES playground_collections(id) ON DELETE CASCADE,
  name text NOT NULL,
  query text NOT NULL,
  variables text NOT NULL DEFAULT '',
  headers text NOT NULL DEFAULT '',
  flag text,
  created_by text NOT NULL,
  updated_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX playground_operations_collection_idx ON playground_operations(collection_id);
`;
