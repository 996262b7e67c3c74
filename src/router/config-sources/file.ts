import { watch, type FSWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { routerConfigFromSupergraph } from '../config-from-supergraph.ts';
import type { RouterLogger } from '../logger.ts';
import type { ApplyResult } from '../router.ts';

export interface FileSourceOptions {
  path: string;
  /** A router config JSON (from `switchyard compose`) or a bare supergraph SDL. */
  format: 'config' | 'supergraph';
  /** Reload when the file changes. */
  watch: boolean;
  apply(raw: unknown, source: string): Promise<ApplyResult>;
  log: RouterLogger;
}

/** Serves a config from a local file, with no control plane. */
export class FileSource {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  readonly path: string;

  constructor(private readonly options: FileSourceOptions) {
    this.path = resolve(options.path);
  }

  get sourceId(): string {
    return `${this.options.format}-file ${this.path}`;
  }

  /** Loads the file once; the result says whether it served. */
  async load(): Promise<ApplyResult> {
    const next = this.chain.then(() => this.read());
    this.chain = next.catch(() => undefined);
    return next;
  }

  startWatching(): void {
    if (!this.options.watch || this.watcher) return;
    // Watch the directory: editors and `compose --out` replace the file rather than write in place.
    this.watcher = watch(dirname(this.path), (_event, name) => {
      if (name && name.toString() !== basename(this.path)) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        void this.load().then((r) => {
          if (r.status === 'applied')
            this.options.log.info('reloaded the config file', { path: this.path, hash: r.hash });
        });
      }, 200);
    });
    this.watcher.on('error', (err) =>
      this.options.log.warn('stopped watching the config file', { path: this.path, err }),
    );
  }

  stop(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }

  private async read(): Promise<ApplyResult> {
    let text: string;
    let mtime: Date;
    try {
      [text, { mtime }] = await Promise.all([readFile(this.path, 'utf8'), stat(this.path)]);
    } catch (err) {
      return { status: 'refused', hash: null, error: `cannot read ${this.path}: ${(err as Error).message}` };
    }
    let raw: unknown;
    try {
      raw =
        this.options.format === 'config'
          ? JSON.parse(text)
          : routerConfigFromSupergraph(text, undefined, mtime.toISOString());
    } catch (err) {
      const what = this.options.format === 'config' ? 'a JSON router config' : 'a supergraph SDL';
      const error = `${this.path} is not ${what}: ${(err as Error).message}`;
      this.options.log.error('config file refused; the current config keeps serving', { error });
      return { status: 'refused', hash: null, error };
    }
    return this.options.apply(raw, this.sourceId);
  }
}
