import { SWITCHYARD_VERSION } from '../shared/version.ts';

/**
 * Every command's and sub-command's help, in one shape: usage, what it does, its options and
 * the environment variables it reads. One table, so `switchyard <command> [sub] --help` is
 * answered before any argument parsing (which would refuse --help as an unknown option) and
 * help.test.ts can hold every entry to the same standard.
 */
export interface Help {
  usage: string[];
  about: string;
  options: [string, string][];
  env: [string, string][];
}

const API_ENV: [string, string][] = [
  ['SWITCHYARD_API_KEY', 'an API key (studio: Settings → API keys); changes need the developer role'],
  ['SWITCHYARD_API_URL', 'the control plane (default http://localhost:3000)'],
];
const HELP_OPTION: [string, string] = ['-h, --help', 'show this help'];
const NAMESPACE_OPTION: [string, string] = ['-n, --namespace NAME', 'the namespace (default: default)'];

const CONTROL_PLANE_ENV: [string, string][] = [
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

const ROUTER_ENV: [string, string][] = [
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

const flagCommand = (
  sub: string,
  usage: string,
  about: string,
  options: [string, string][],
): [string, Help] => [
  `feature-flag ${sub}`,
  {
    usage: [`switchyard feature-flag ${usage}`],
    about,
    options: [['--name FLAG', 'the feature flag'], ...options, NAMESPACE_OPTION, HELP_OPTION],
    env: API_ENV,
  },
];

export const HELP: Record<string, Help> = Object.fromEntries<Help>([
  [
    'start',
    {
      usage: ['switchyard start'],
      about:
        'Runs the local stack: the control plane and studio, the three demo subgraphs with a seeded graph "demo", and a staging router that follows it through a router token, as a remote router would.',
      options: [HELP_OPTION],
      env: [
        ...CONTROL_PLANE_ENV,
        ['ROUTER_PORT', "the local router's port (default 3002)"],
        ['SWITCHYARD_DEMO', 'false: no demo subgraphs, no router (default true)'],
        ['SWITCHYARD_DEMO_PORT', 'first of the three demo subgraph ports (default 4001; 0 picks free ones)'],
        ['SWITCHYARD_ROUTER_DATA_DIR', "the local router's state (default <data dir>/router)"],
        [
          'SWITCHYARD_ROUTER_DEDUPLICATE, SWITCHYARD_GRPC_CLIENT, SWITCHYARD_ROUTER_PLANNER, SWITCHYARD_ROUTER_MASK_ERRORS',
          'as for switchyard router',
        ],
      ],
    },
  ],
  [
    'subgraph',
    {
      usage: ['switchyard subgraph <publish|check> [options]'],
      about:
        'Publishes or checks a subgraph schema. Run "switchyard subgraph publish --help" or "... check --help".',
      options: [HELP_OPTION],
      env: API_ENV,
    },
  ],
  [
    'subgraph publish',
    {
      usage: [
        'switchyard subgraph publish --name NAME --schema FILE [--namespace default]',
        '    [--routing-url URL] [--type standard|grpc_plugin|grpc_service] [--label key=value ...]',
        '    [--plugin NAME] [--plugin-version VERSION|latest]',
      ],
      about:
        'Stores the schema as a new version and recomposes every graph the subgraph is in; creates the subgraph when it does not exist yet (give --routing-url, or --type grpc_plugin). Exits 1 when a graph fails to compose. A plugin subgraph follows the newest build of its plugin unless --plugin-version pins one; "latest" unpins.',
      options: [
        ['--name NAME', "the subgraph's name"],
        ['--schema FILE', 'the schema (SDL)'],
        NAMESPACE_OPTION,
        ['--routing-url URL', 'where the router reaches it'],
        ['--type KIND', 'standard, grpc_plugin or grpc_service'],
        ['--label key=value', 'labels that graphs match (repeatable)'],
        ['--plugin NAME', "grpc_plugin: the plugin to run (default: the subgraph's name)"],
        ['--plugin-version V', 'grpc_plugin: pin a build, or "latest" to follow the newest'],
        HELP_OPTION,
      ],
      env: API_ENV,
    },
  ],
  [
    'subgraph check',
    {
      usage: ['switchyard subgraph check --name NAME --schema FILE [--namespace default]'],
      about:
        'Composes the schema with every graph the subgraph is in, without publishing it, and lists breaking changes; exits 1 on composition errors or breaking changes, so it can gate CI.',
      options: [
        ['--name NAME', "the subgraph's name"],
        ['--schema FILE', 'the proposed schema (SDL)'],
        NAMESPACE_OPTION,
        HELP_OPTION,
      ],
      env: API_ENV,
    },
  ],
  [
    'plugin',
    {
      usage: ['switchyard plugin <init|build|push> [options]'],
      about:
        'Scaffolds, builds and pushes plugins (gRPC services the router runs, Cosmo Connect compatible). Run "switchyard plugin <command> --help" for a command\'s options.',
      options: [HELP_OPTION],
      env: [],
    },
  ],
  [
    'plugin init',
    {
      usage: ['switchyard plugin init <dir> [--schema file] [--name NAME]'],
      about:
        'Creates a TypeScript plugin in Cosmo\'s layout: src/schema.graphql (yours with --schema, or a hello-world schema), generated/service.proto and generated/mapping.json (generated with protographic), generated/service.ts (types), a service skeleton in src/service.ts and the entry src/main.ts. Build it with "switchyard plugin build <dir>".',
      options: [
        ['--schema FILE', 'start from this schema'],
        ['--name NAME', "the plugin's name (default: the directory's)"],
        HELP_OPTION,
      ],
      env: [],
    },
  ],
  [
    'plugin build',
    {
      usage: ['switchyard plugin build <dir> [--out file.tar.gz] [--platform linux_amd64,darwin_arm64]'],
      about:
        'Regenerates generated/ from src/schema.graphql, bundles src/main.ts and everything it imports into ONE Node script (bin/<os>_<arch>, needs only "node", no node_modules), and packs the plugin as a .tar.gz in Cosmo\'s layout. The script runs on any platform, so it is written under every --platform name given.',
      options: [
        ['--out FILE', 'the archive (default <dir>/dist/<name>-<version>.tar.gz)'],
        ['--platform LIST', "comma-separated <os>_<arch> names (default: this machine's and linux_amd64)"],
        HELP_OPTION,
      ],
      env: [],
    },
  ],
  [
    'plugin push',
    {
      usage: ['switchyard plugin push <dir|tarball> --name NAME [--namespace default]'],
      about:
        "Uploads a plugin build to the control plane. A directory is packed as a .tar.gz in Cosmo's plugin layout (src/, generated/, bin/, plugin.json) with file modes kept; a .tar.gz is uploaded as it is. The version comes from plugin.json, or is the next v<N>.",
      options: [['--name NAME', 'the plugin'], NAMESPACE_OPTION, HELP_OPTION],
      env: API_ENV,
    },
  ],
  [
    'router',
    {
      usage: [
        'switchyard router [--config router-config.json | --supergraph supergraph.graphql] [--port N] [--no-watch]',
      ],
      about:
        'Runs the staging router at http://localhost:3002/graphql. By default it follows a graph on the control plane (SWITCHYARD_API_URL and SWITCHYARD_ROUTER_TOKEN); with --config (a file from "switchyard compose") or --supergraph it runs with no control plane and reloads the file when it changes. Its state (the last good config, served at start when the source is unreachable, and the plugin builds fetched from the control plane, cleared on start) lives in SWITCHYARD_ROUTER_DATA_DIR.',
      options: [
        ['--config FILE', 'a router config from "switchyard compose"'],
        ['--supergraph FILE', 'a Federation supergraph'],
        ['--port N', 'overrides ROUTER_PORT'],
        ['--no-watch', 'do not reload the file when it changes'],
        HELP_OPTION,
      ],
      env: ROUTER_ENV,
    },
  ],
  [
    'compose',
    {
      usage: ['switchyard compose --subgraphs subgraphs.yaml [--out router-config.json]'],
      about:
        'Composes the subgraphs listed in a YAML file into a router config for "switchyard router --config", with no control plane. The file lists subgraphs (name, routing_url, schema: {file}), and optionally graph: {name, namespace} and feature_flags: [{name, subgraphs}], where a flag\'s subgraphs replace the base subgraphs of the same name. Schema files are relative to the YAML file. Cosmo\'s graph.yaml (version: 1, as "wgc router compose" reads it) works too, with plugin folders (plugin: {version, path}), gRPC services (grpc: {schema_file, proto_file, mapping_file}) and feature_flags; the router then runs the plugins from their folders. headers: (Cosmo router.yaml\'s shape, e.g. all: {request: [{op: propagate, named: Authorization}]}) says which client headers reach the subgraphs; without it, Authorization is propagated.',
      options: [
        ['--subgraphs FILE', 'the subgraphs YAML file'],
        ['--out FILE', 'write the config here (default: stdout)'],
        HELP_OPTION,
      ],
      env: [],
    },
  ],
  [
    'feature-flag',
    {
      usage: ['switchyard feature-flag <create|swap|restore|enable|disable|delete|list> [options]'],
      about:
        'Feature flags clone a graph so that subgraphs can be swapped for a mock plugin, an uploaded plugin build or another URL, and served by the staging router with the X-Feature-Flag header. Run "switchyard feature-flag <command> --help" for a command\'s options.',
      options: [HELP_OPTION],
      env: API_ENV,
    },
  ],
  flagCommand(
    'create',
    'create --graph GRAPH --name FLAG [--description TEXT] [--namespace default]',
    'Clones a graph into a new feature flag (the same schema until you swap a subgraph).',
    [
      ['--graph GRAPH', 'the graph to clone'],
      ['--description TEXT', 'what the flag is for'],
    ],
  ),
  flagCommand(
    'swap',
    'swap --name FLAG --subgraph SUBGRAPH (--mock [--schema FILE] [--mocks FILE] | --plugin NAME[@VERSION] | --url URL [--schema FILE])',
    "Replaces a subgraph in the flag: --mock builds a mock plugin from the subgraph's schema (or --schema, e.g. with new fields) and --mocks (mocks.json); --plugin uses an uploaded plugin build (the newest unless @VERSION); --url points at another deployment. Exits 1 when the flag fails to compose.",
    [
      ['--subgraph NAME', 'the subgraph to replace'],
      ['--mock', 'a mock plugin generated from the schema'],
      ['--schema FILE', 'with --mock or --url: the schema to use'],
      ['--mocks FILE', 'with --mock: mocks.json'],
      ['--plugin NAME[@VERSION]', 'an uploaded plugin build'],
      ['--url URL', 'another deployment of the subgraph'],
    ],
  ),
  flagCommand(
    'restore',
    'restore --name FLAG --subgraph SUBGRAPH',
    'Puts the base subgraph back in the flag.',
    [['--subgraph NAME', 'the subgraph to restore']],
  ),
  flagCommand('enable', 'enable --name FLAG', 'Enables the flag: routers serve it once it composes.', []),
  flagCommand('disable', 'disable --name FLAG', 'Disables the flag: routers stop serving it.', []),
  flagCommand('delete', 'delete --name FLAG', 'Deletes the flag.', []),
  [
    'feature-flag list',
    {
      usage: ['switchyard feature-flag list [--name FLAG] [--graph GRAPH] [--namespace default]'],
      about: 'Lists feature flags, or shows one with its swaps and compositions.',
      options: [
        ['--name FLAG', 'show this flag'],
        ['--graph GRAPH', 'only flags of this graph'],
        NAMESPACE_OPTION,
        HELP_OPTION,
      ],
      env: API_ENV,
    },
  ],
]);

const COMMANDS: [string, string][] = [
  ['start', 'Run the control plane and studio (the whole local stack)'],
  ['subgraph', 'Publish or check a subgraph schema'],
  ['plugin', 'Scaffold, build and push plugins'],
  ['router', 'Run the staging router (from the control plane, --config or --supergraph)'],
  ['compose', 'Compose subgraphs from a YAML file into a router config, locally'],
  ['feature-flag', 'Create, swap, enable, disable, delete and list feature flags'],
];

export const mainUsage = `switchyard ${SWITCHYARD_VERSION}

Usage: switchyard <command> [options]

Commands:
${table(COMMANDS)}

Options:
${table([HELP_OPTION, ['-v, --version', 'show the version']])}

Run "switchyard <command> --help" for a command's options and the environment it reads.
`;

function table(rows: [string, string][]): string {
  const width = Math.min(28, Math.max(...rows.map(([k]) => k.length)));
  return rows
    .map(([k, v]) =>
      k.length > width ? `  ${k}\n  ${''.padEnd(width)}  ${v}` : `  ${k.padEnd(width)}  ${v}`,
    )
    .join('\n');
}

function wrap(text: string, width = 88): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

export function formatHelp(help: Help): string {
  const [first, ...more] = help.usage;
  return [
    `Usage: ${first}`,
    ...more.map((l) => `       ${l}`),
    '',
    wrap(help.about),
    '',
    'Options:',
    table(help.options),
    '',
    'Environment:',
    help.env.length ? table(help.env) : '  none',
    '',
  ].join('\n');
}

/** The help for `command [sub]`, e.g. "subgraph publish"; a command's own when the sub-command has none. */
export function helpFor(command: string, sub?: string): string | null {
  const entry = (sub && HELP[`${command} ${sub}`]) || HELP[command];
  return entry ? formatHelp(entry) : null;
}

export const wantsHelp = (args: string[]) => args.includes('--help') || args.includes('-h');
