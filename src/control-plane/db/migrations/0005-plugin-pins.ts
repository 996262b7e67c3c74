export default /* sql */ `
-- A grpc_plugin subgraph runs a build of the plugin named plugin_name (its own name when
-- null), pinned to plugin_version, or the newest build when that is null.
ALTER TABLE subgraphs ADD COLUMN plugin_name text;
ALTER TABLE subgraphs ADD COLUMN plugin_version text;
`;
