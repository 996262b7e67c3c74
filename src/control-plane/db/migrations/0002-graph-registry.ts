export default /* sql */ `
CREATE TABLE namespaces (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, name)
);

-- Every organization has a "default" namespace: organizations that exist now get it
-- here, and new ones from the trigger, whoever creates them.
INSERT INTO namespaces (organization_id, name) SELECT id, 'default' FROM organizations;
CREATE FUNCTION switchyard_default_namespace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO namespaces (organization_id, name) VALUES (NEW.id, 'default') ON CONFLICT DO NOTHING;
  RETURN NEW;
END
$$;
CREATE TRIGGER organizations_default_namespace AFTER INSERT ON organizations
  FOR EACH ROW EXECUTE FUNCTION switchyard_default_namespace();

CREATE TABLE federated_graphs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  namespace_id uuid NOT NULL REFERENCES namespaces(id) ON DELETE CASCADE,
  name text NOT NULL,
  routing_url text NOT NULL,
  label_matchers jsonb NOT NULL DEFAULT '[]',
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (namespace_id, name)
);

CREATE TABLE subgraphs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  namespace_id uuid NOT NULL REFERENCES namespaces(id) ON DELETE CASCADE,
  name text NOT NULL,
  type text NOT NULL CHECK (type IN ('standard', 'grpc_plugin', 'grpc_service')),
  routing_url text,
  labels jsonb NOT NULL DEFAULT '[]',
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (namespace_id, name)
);

CREATE TABLE schema_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subgraph_id uuid NOT NULL REFERENCES subgraphs(id) ON DELETE CASCADE,
  version integer NOT NULL,
  sdl text NOT NULL,
  sha256 text NOT NULL,
  size_bytes integer NOT NULL,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subgraph_id, version)
);

-- History: every attempt is kept; routers only ever get configs built from successes.
CREATE TABLE compositions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigserial NOT NULL UNIQUE,
  graph_id uuid NOT NULL REFERENCES federated_graphs(id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('success', 'failed')),
  trigger text NOT NULL,
  triggered_by uuid REFERENCES users(id) ON DELETE SET NULL,
  triggered_by_label text NOT NULL,
  inputs jsonb NOT NULL,
  errors jsonb NOT NULL DEFAULT '[]',
  supergraph_sdl text,
  client_schema text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX compositions_graph_idx ON compositions(graph_id, seq DESC);
CREATE INDEX compositions_graph_success_idx ON compositions(graph_id, seq DESC) WHERE status = 'success';

-- The config is kept as the exact canonical JSON text that was hashed and is served.
CREATE TABLE router_configs (
  id bigserial PRIMARY KEY,
  graph_id uuid NOT NULL REFERENCES federated_graphs(id) ON DELETE CASCADE,
  composition_id uuid REFERENCES compositions(id) ON DELETE SET NULL,
  hash text NOT NULL,
  config text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX router_configs_graph_idx ON router_configs(graph_id, id DESC);
CREATE INDEX router_configs_hash_idx ON router_configs(hash);

CREATE TABLE router_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  graph_id uuid NOT NULL REFERENCES federated_graphs(id) ON DELETE CASCADE,
  name text NOT NULL,
  prefix text NOT NULL UNIQUE,
  token_hash text NOT NULL UNIQUE,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX router_tokens_graph_idx ON router_tokens(graph_id);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'api_key', 'system')),
  actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  actor_label text NOT NULL,
  action text NOT NULL,
  resource_type text NOT NULL,
  resource_name text NOT NULL,
  namespace text,
  details jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_org_idx ON audit_log(organization_id, id DESC);
`;
