/**
 * The environment variables each process reads, as the help shows them. Every variable the
 * control plane, the router and the local stack read must stand here (help.test.ts checks it
 * against their own lists), so a new one is documented where people look first.
 */
export const API_ENV: [string, string][] = [
  ['SWITCHYARD_API_KEY', 'an API key (studio: Settings → API keys); changes need the developer role'],
  ['SWITCHYARD_API_URL', 'the control plane (default http://localhost:3000)'],
];

export const CONTROL_PLANE_ENV: [string, string][] = [
  ['PORT, HOST', 'where the control plane and studio listen (default 3000, 0.0.0.0)'],
  ['PUBLIC_URL', 'the URL printed at start (default http://localhost:$PORT)'],
  ['DATABASE_URL', 'a PostgreSQL server instead of the embedded PGlite'],
  ['SWITCHYARD_DATA_DIR', 'local state: PGlite, plugin builds, the router (default ./.switchyard/data)'],
  ['SWITCHYARD_ADMIN_EMAIL', 'the first admin, made on an empty database (default admin@switchyard.local)'],
  ['SWITCHYARD_ADMIN_PASSWORD', "the first admin's password (default: generated and printed once)"],
  ['SWITCHYARD_ORG_NAME', 'the first organization (default Default)'],
  ['SWITCHYARD_SESSION_TTL_HOURS', 'session lifetime (default 168)'],
  ['SWITCHYARD_LOGIN_MAX_FAILURES_PER_ACCOUNT', 'failed logins allowed per account and window (default 5)'],
  ['SWITCHYARD_LOGIN_MAX_FAILURES_PER_IP', 'failed logins allowed per IP and window (default 30)'],
  ['SWITCHYARD_LOGIN_WINDOW_MINUTES', 'the login rate-limit window (default 15)'],
  ['SWITCHYARD_TRUST_PROXY', 'trust X-Forwarded-* headers (default false)'],
  ['SWITCHYARD_STUDIO_DIR', 'serve the studio from this directory (default dist/studio)'],
  ['SWITCHYARD_PLUGIN_STORAGE_DIR', 'where plugin builds are stored (default <data dir>/plugins)'],
  ['SWITCHYARD_PLUGIN_MAX_BYTES', 'largest plugin build accepted (default 200 MB)'],
  [
    'SWITCHYARD_S3_ENDPOINT, SWITCHYARD_S3_BUCKET, SWITCHYARD_S3_REGION, SWITCHYARD_S3_ACCESS_KEY_ID, SWITCHYARD_S3_SECRET_ACCESS_KEY',
    'all five: keep plugin builds in S3-compatible storage',
  ],
  [
    'SWITCHYARD_OIDC_ISSUER, SWITCHYARD_OIDC_CLIENT_ID, SWITCHYARD_OIDC_CLIENT_SECRET',
    'all three: single sign-on through this OpenID Connect provider (needs PUBLIC_URL)',
  ],
  ['SWITCHYARD_OIDC_ORG', 'the organization SSO users join (default: the first one)'],
  [
    'SWITCHYARD_OIDC_ROLE_CLAIM, SWITCHYARD_OIDC_ROLE_MAP',
    'both: roles from a groups claim, e.g. admins:admin,devs:developer',
  ],
  ['SWITCHYARD_OIDC_DEFAULT_ROLE', 'the role of SSO users no group maps (default viewer)'],
  ['SWITCHYARD_OIDC_GROUPS_SCOPE', 'the scope asked for with a role claim (default groups)'],
  [
    'SWITCHYARD_PASSWORD_LOGIN',
    'false: SSO only; the first admin can still log in at /login?password (default true)',
  ],
  ['LOG_LEVEL', 'fatal … trace, or silent (default info)'],
  ['SWITCHYARD_LOG_FORMAT', 'json or pretty (default: pretty on a terminal, JSON otherwise)'],
];

export const ROUTER_ENV: [string, string][] = [
  ['ROUTER_PORT, ROUTER_HOST', 'where the router listens (default 3002, 0.0.0.0)'],
  [
    'SWITCHYARD_API_URL, SWITCHYARD_ROUTER_TOKEN',
    'follow a graph on the control plane with its router token',
  ],
  [
    'SWITCHYARD_ROUTER_DATA_DIR',
    'last good config and unpacked plugin builds (default ./.switchyard/router)',
  ],
  ['SWITCHYARD_ROUTER_PLUGINS_DIR', 'plugins for --config/--supergraph, as <dir>/<plugin name>'],
  ['SWITCHYARD_ROUTER_CORS_ORIGINS', 'comma-separated origins allowed to call /graphql'],
  ['SWITCHYARD_ROUTER_SUBGRAPH_TIMEOUT_MS', 'per subgraph call (default 10000)'],
  ['SWITCHYARD_ROUTER_DEDUPLICATE', 'identical in-flight subgraph queries share one call (default true)'],
  ['SWITCHYARD_GRPC_CLIENT', 'http2 (default) or grpc-js, for plugin and grpc_service calls'],
  [
    'SWITCHYARD_ROUTER_PLANNER',
    'rust (default) or js: the query planner; js is the fallback when the native planner cannot load',
  ],
  [
    'SWITCHYARD_ROUTER_MASK_ERRORS',
    'true: unexpected errors read "Unexpected error." (default false: errors name their cause)',
  ],
  [
    'SWITCHYARD_ROUTER_DRAIN_TIMEOUT_MS',
    'how long a replaced config may finish its requests (default 30000)',
  ],
  [
    'SWITCHYARD_ROUTER_MOCK_IDLE_STOP_MS',
    'stop a generated mock plugin unused this long; the next call starts it (default 300000, 0: never)',
  ],
  ['SWITCHYARD_ROUTER_PLUGIN_IDLE_STOP_MS', 'the same for uploaded plugin builds (default 0: never)'],
  [
    'SWITCHYARD_ROUTER_OBSERVE_KEYS',
    'false: do not record the entity keys base-graph traffic resolves, which a router following the control plane sends it for mock key pools (default true)',
  ],
  ['SWITCHYARD_ROUTER_POLL_INTERVAL_MS', 'config polling when the change stream is down (default 10000)'],
  ['SWITCHYARD_ROUTER_MAX_DEPTH', 'query depth limit (default 15)'],
  ['SWITCHYARD_ROUTER_MAX_ALIASES', 'alias limit (default 30)'],
  ['SWITCHYARD_ROUTER_MAX_QUERY_BYTES', 'query size limit (default 65536)'],
  ['SWITCHYARD_ROUTER_MAX_BODY_BYTES', 'request body limit (default 1048576)'],
  ['LOG_LEVEL', 'fatal … trace, or silent (default info)'],
  ['SWITCHYARD_LOG_FORMAT', 'json or pretty (default: pretty on a terminal, JSON otherwise)'],
];
