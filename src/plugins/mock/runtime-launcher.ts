/**
 * A generated mock plugin's bin/<os>_<arch> is a small launcher; the mock runtime itself
 * (one bundled script, the same for every mock of a Switchyard version) sits beside it as
 * bin/mock-runtime.cjs. The launcher compiles the runtime with V8's code cache, kept in
 * the directory the router names in SWITCHYARD_PLUGIN_CODE_CACHE_DIR: parsing and
 * compiling 1.6 MB of JavaScript was the largest single part of a mock's cold start,
 * which is what the first request after idling waits for (decision 0018).
 *
 * The cache is state of the router (under its data directory), never part of the build:
 * V8's cached data depends on the Node version and flags, and a build must stay a
 * function of its inputs. Without the variable (a Cosmo router, a plain `node bin/…`),
 * or when V8 rejects the data (another Node), the runtime compiles as any script does.
 */
import { CODE_CACHE_DIR_ENV } from '../runtime/platform.ts';

export const MOCK_RUNTIME_FILE = 'mock-runtime.cjs';
/** After start-up (and usually the call that woke the plugin), so the cache holds their code too. */
const WRITE_CACHE_AFTER_MS = 1000;

/** The launcher for a runtime whose bytes hash to `runtimeSha`, which names its cache file. */
export function launcherScript(runtimeSha: string): string {
  if (!/^[0-9a-f]{16,64}$/.test(runtimeSha)) throw new Error(`not a hex digest: ${runtimeSha}`);
  // Plain ES2020 CommonJS, valid as ESM too: the first statement is bundle.ts's require shim
  // (a plugin directory may sit inside a "type": "module" package).
  return `#!/usr/bin/env node
// Switchyard mock plugin launcher: runs ./${MOCK_RUNTIME_FILE}, with V8's code cache in $${CODE_CACHE_DIR_ENV} when set.
var require = typeof require === "function" ? require : process.getBuiltinModule("node:module").createRequire(process.argv[1]);
(function () {
  var fs = require("node:fs"), path = require("node:path"), vm = require("node:vm"), Module = require("node:module");
  var wrap = function (code) { return "(function (exports, require, module, __filename, __dirname) { " + code + "\\n});"; };
  var began = performance.now();
  var file = path.join(path.dirname(fs.realpathSync(process.argv[1])), ${JSON.stringify(MOCK_RUNTIME_FILE)});
  var dir = process.env[${JSON.stringify(CODE_CACHE_DIR_ENV)}];
  var cacheFile = dir ? path.join(dir, "mock-runtime-${runtimeSha}-" + process.version + "-" + process.arch + ".v8") : null;
  var cachedData;
  if (cacheFile) try { cachedData = fs.readFileSync(cacheFile); } catch (e) { /* not written yet */ }
  // The runtime runs on its own too (node bin/${MOCK_RUNTIME_FILE}); its shebang line becomes a comment here.
  var source = fs.readFileSync(file, "utf8").replace(/^#!/, "//");
  var script = new vm.Script(wrap(source), { filename: file, cachedData: cachedData });
  var cache = !cacheFile ? "off" : !cachedData ? "miss" : script.cachedDataRejected ? "rejected" : "hit";
  var mod = { exports: {}, id: file, filename: file, loaded: false, children: [], paths: [] };
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  process.stderr.write(JSON.stringify({ "@level": "debug", "@message": "mock runtime loaded", code_cache: cache, load_ms: Math.round(performance.now() - began) }) + "\\n");
  if (cache !== "miss" && cache !== "rejected") return;
  setTimeout(function () {
    var temp = cacheFile + "." + process.pid + ".tmp";
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(temp, script.createCachedData());
      fs.renameSync(temp, cacheFile);
    } catch (e) {
      try { fs.rmSync(temp, { force: true }); } catch (e2) { /* nothing to clean */ }
    }
  }, ${WRITE_CACHE_AFTER_MS}).unref();
})();
`;
}
