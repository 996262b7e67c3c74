export default /* sql */ `
-- Cosmo's feature subgraphs, as wgc manages them: a named subgraph that replaces a base
-- subgraph, with its own routing URL and schema, and no flag of its own. A flag that
-- names it gets a url swap of its base (decision 0013); the link says which swaps to
-- refresh when wgc publishes a new schema for it.
CREATE TABLE cosmo_feature_subgraphs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  namespace_id uuid NOT NULL REFERENCES namespaces(id) ON DELETE CASCADE,
  name text NOT NULL,
  base_subgraph_name text NOT NULL,
  routing_url text NOT NULL,
  sdl text,
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (namespace_id, name)
);

CREATE TABLE cosmo_flag_feature_subgraphs (
  feature_flag_id uuid NOT NULL REFERENCES feature_flags(id) ON DELETE CASCADE,
  feature_subgraph_id uuid NOT NULL REFERENCES cosmo_feature_subgraphs(id) ON DELETE CASCADE,
  PRIMARY KEY (feature_flag_id, feature_subgraph_id)
);
CREATE INDEX cosmo_flag_feature_subgraphs_fs ON cosmo_flag_feature_subgraphs (feature_subgraph_id);
`;
