// Called by run.sh for each audit suite: fetches the suite from the audit's subgraph server and
// writes what the router starts from into the current folder. Mode "supergraph" takes the audit's
// own supergraph (composed by @apollo/composition); mode "composed" writes the suite's subgraph
// SDLs and a subgraphs.yaml for `switchyard compose`, so our composition is what gets tested.
import { writeFileSync } from 'node:fs';

const [mode, suite] = process.argv.slice(2);
const base = `http://127.0.0.1:${process.env.SWITCHYARD_AUDIT_SUBGRAPHS_PORT ?? 4200}/${suite}`;

async function get(path, accept) {
  const res = await fetch(`${base}/${path}`, { headers: { accept } });
  if (!res.ok) throw new Error(`GET ${base}/${path}: HTTP ${res.status} ${await res.text()}`);
  return res;
}

// The kit registers the suites' routes once its test cases have loaded, and /ids answers only
// then; its test-suite command (npm run audit -- --suite) starts run.sh without waiting for that.
await fetch(`http://127.0.0.1:${process.env.SWITCHYARD_AUDIT_SUBGRAPHS_PORT ?? 4200}/ids`);

if (mode === 'supergraph') {
  writeFileSync('supergraph.graphql', await (await get('supergraph', 'text/plain')).text());
} else if (mode === 'composed') {
  const subgraphs = await (await get('subgraphs', 'application/json')).json();
  const lines = ['subgraphs:'];
  for (const { name, url, sdl } of subgraphs) {
    writeFileSync(`${name}.graphql`, sdl);
    lines.push(`  - name: ${JSON.stringify(name)}`, `    routing_url: ${JSON.stringify(url)}`, `    schema: { file: ./${name}.graphql }`);
  }
  writeFileSync('subgraphs.yaml', `${lines.join('\n')}\n`);
} else {
  throw new Error(`unknown mode ${mode}: use supergraph or composed`);
}
