#!/bin/sh
# The audit runs this in a gateway folder for each suite ($1). It starts Switchyard's router on the
# suite, either on the audit's supergraph or on our own composition of the suite's subgraphs
# (SWITCHYARD_AUDIT_MODE). scripts/audit/audit.js copies it into each mode's folder and sets the env.
set -e
cd "$(dirname "$0")"
unset NODE_OPTIONS # the kit's Node 20 polyfill is not for the router
rm -f supergraph.graphql subgraphs.yaml router-config.json ./*.graphql
node "$SWITCHYARD_AUDIT_SCRIPTS/prepare-suite.js" "$SWITCHYARD_AUDIT_MODE" "$1"
if [ "$SWITCHYARD_AUDIT_MODE" = composed ]; then
  node "$SWITCHYARD_BIN" compose --subgraphs subgraphs.yaml --out router-config.json
  exec node "$SWITCHYARD_BIN" router --config router-config.json --port "$SWITCHYARD_AUDIT_GATEWAY_PORT" --no-watch
fi
exec node "$SWITCHYARD_BIN" router --supergraph supergraph.graphql --port "$SWITCHYARD_AUDIT_GATEWAY_PORT" --no-watch
