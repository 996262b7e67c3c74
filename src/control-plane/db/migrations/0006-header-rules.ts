export default /* sql */ `
-- Which client headers the graph's routers send on to its subgraphs (Cosmo's header rules,
-- see src/shared/header-rules.ts). Every graph starts by propagating Authorization
-- (decision 0011): graphs created before this migration get the same default, since until
-- now no header reached a subgraph and nothing could rely on that.
ALTER TABLE federated_graphs ADD COLUMN header_rules jsonb NOT NULL
  DEFAULT '{"all":{"request":[{"op":"propagate","named":"Authorization"}]},"subgraphs":{}}'::jsonb;
`;
