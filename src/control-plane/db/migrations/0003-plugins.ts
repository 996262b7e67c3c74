export default /* sql */ `
CREATE TABLE plugins (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  namespace_id uuid NOT NULL REFERENCES namespaces(id) ON DELETE CASCADE,
  name text NOT NULL,
  description text,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (namespace_id, name)
);
CREATE INDEX plugins_org_idx ON plugins(organization_id);

-- One row per uploaded version. The archive itself is in plugin storage under its
-- sha256, so identical archives are stored once whichever plugin they belong to.
CREATE TABLE plugin_builds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plugin_id uuid NOT NULL REFERENCES plugins(id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  seq integer NOT NULL CHECK (seq > 0),
  version text NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[a-f0-9]{64}$'),
  size_bytes bigint NOT NULL CHECK (size_bytes > 0),
  platforms text[] NOT NULL,
  schema_file text NOT NULL,
  schema_sdl text NOT NULL,
  proto_schema text NOT NULL,
  mapping jsonb NOT NULL,
  service_name text,
  grpc_source text NOT NULL CHECK (grpc_source IN ('archive', 'generated')),
  uploaded_by uuid REFERENCES users(id) ON DELETE SET NULL,
  uploaded_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plugin_id, version),
  UNIQUE (plugin_id, sha256),
  UNIQUE (plugin_id, seq)
);
CREATE INDEX plugin_builds_sha_idx ON plugin_builds(sha256);
CREATE INDEX plugin_builds_org_sha_idx ON plugin_builds(organization_id, sha256);

-- A version, once recorded, is what routers pinned to it download forever.
CREATE FUNCTION switchyard_plugin_builds_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'plugin builds are immutable (build %)', OLD.id USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER plugin_builds_immutable BEFORE UPDATE ON plugin_builds
  FOR EACH ROW EXECUTE FUNCTION switchyard_plugin_builds_immutable();
`;
