export default /* sql */ `
-- A feature flag lives in a namespace and applies to every graph there whose label
-- matchers match its labels and that has every subgraph the flag replaces.
CREATE TABLE feature_flags (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  namespace_id uuid NOT NULL REFERENCES namespaces(id) ON DELETE CASCADE,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  labels jsonb NOT NULL DEFAULT '[]',
  enabled boolean NOT NULL DEFAULT true,
  -- optimistic concurrency: every change bumps it, and a writer names the one it saw
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
  updated_by_label text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (namespace_id, name)
);

-- One swap: the base subgraph (by name) and what replaces it. A feature subgraph may
-- have another type than its base (an HTTP subgraph swapped for a mock plugin).
CREATE TABLE feature_subgraphs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  feature_flag_id uuid NOT NULL REFERENCES feature_flags(id) ON DELETE CASCADE,
  base_subgraph_name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('mock', 'plugin', 'url')),
  routing_url text,
  sdl text,
  mocks jsonb,
  plugin_name text,
  plugin_version text,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (feature_flag_id, base_subgraph_name),
  CHECK (kind <> 'url' OR routing_url IS NOT NULL),
  CHECK (kind = 'url' OR (plugin_name IS NOT NULL AND plugin_version IS NOT NULL))
);

-- History of a flag's compositions, one series per graph it applies to. Kept apart from
-- the base compositions so that nothing reading a graph's own history or its last good
-- composition can ever pick up a flag's.
CREATE TABLE feature_flag_compositions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigserial NOT NULL UNIQUE,
  feature_flag_id uuid NOT NULL REFERENCES feature_flags(id) ON DELETE CASCADE,
  graph_id uuid NOT NULL REFERENCES federated_graphs(id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('success', 'failed')),
  trigger text NOT NULL,
  triggered_by uuid REFERENCES users(id) ON DELETE SET NULL,
  triggered_by_label text NOT NULL,
  input_key text NOT NULL,
  -- what the router gets for this flag: every subgraph with its kind, URL or plugin build
  subgraphs jsonb NOT NULL,
  errors jsonb NOT NULL DEFAULT '[]',
  supergraph_sdl text,
  client_schema text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feature_flag_compositions_idx ON feature_flag_compositions(feature_flag_id, graph_id, seq DESC);
CREATE INDEX feature_flag_compositions_graph_idx ON feature_flag_compositions(graph_id);
`;
