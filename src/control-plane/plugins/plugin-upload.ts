import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Database } from '../db/client.ts';
import type { OrgContext, Principal } from '../auth/principal.ts';
import { actorId, actorLabel } from '../auth/principal.ts';
import { badRequest, conflict } from '../http/errors.ts';
import type { UploadPluginBuildResponse } from '../../shared/api/plugins.ts';
import type { PluginConfig } from './plugin-config.ts';
import type { PluginHooks } from './plugin-hooks.ts';
import { PluginRepository } from './plugin-repository.ts';
import { buildKey, type PluginStorage } from './storage/plugin-storage.ts';
import { receiveUpload, tooLarge, type StagedUpload } from './receive-upload.ts';
import { inspectPluginArchive, reject, type InspectedArchive } from './archive/inspect-archive.ts';
import { grpcFilesFor, type GrpcFiles } from './archive/grpc-files.ts';
import { discardArchiveIfUnreferenced, lockArchive } from './archive-references.ts';
import { toPluginBuildDetail } from './plugin-views.ts';

export interface UploadContext {
  db: Database;
  storage: PluginStorage;
  config: PluginConfig;
  hooks: PluginHooks;
  now: () => Date;
}

export interface UploadRequest {
  org: OrgContext;
  principal: Principal;
  namespace: { id: string; name: string };
  plugin: string;
  body: Readable | undefined;
  contentLength: number | undefined;
}

const MAX_ENTRIES = 10_000;

/**
 * Streams the body to a staging file, checks it, stores the archive under its hash and
 * records the version. Every refusal happens before anything is stored, so a rejected
 * upload leaves no row and no file behind.
 */
export async function uploadPluginBuild(ctx: UploadContext, req: UploadRequest): Promise<UploadPluginBuildResponse> {
  const { maxBytes } = ctx.config;
  if (!req.body) throw badRequest('Send the build .tar.gz as the request body, with Content-Type: application/gzip');
  if (req.contentLength !== undefined && req.contentLength > maxBytes) throw tooLarge(maxBytes);

  const staged = await receiveUpload(req.body, { dir: ctx.config.stagingDir, maxBytes });
  try {
    const archive = await inspectPluginArchive(staged.path, { maxUnpackedBytes: maxBytes * 10, maxEntries: MAX_ENTRIES });
    const manifest = archive.manifest;
    if (manifest?.name && manifest.name !== req.plugin) {
      throw reject(`plugin.json names the plugin "${manifest.name}", but this upload is for plugin "${req.plugin}"`, { entry: 'plugin.json' });
    }

    const repo = new PluginRepository(ctx.db);
    const existing = await repo.findPlugin(req.namespace.id, req.plugin);
    if (existing) {
      const same = await repo.findBuildBySha(existing.id, staged.sha256);
      if (same) return { build: toPluginBuildDetail(req.org.slug, req.namespace.name, existing, same), created: false };
      if (manifest?.version && (await repo.findBuild(existing.id, manifest.version))) throw versionConflict(req.plugin, manifest.version);
    }

    const grpc = grpcFilesFor(req.plugin, archive);
    const check = await ctx.hooks.checkBuildComposes({
      organizationId: req.org.id,
      namespace: req.namespace.name,
      plugin: req.plugin,
      version: manifest?.version ?? '(next)',
      schemaSdl: archive.schemaSdl,
    });
    if (!check.ok) {
      throw reject(
        `The schema does not compose with the graphs that use plugin "${req.plugin}": ${check.errors[0]?.message ?? 'composition failed'}`,
        { entry: archive.schemaFile, errors: check.errors },
      );
    }

    // The copy happens outside the transaction, so a 200 MB write never holds a
    // database connection (PGlite has only one).
    const putHere = await ensureStored(ctx.storage, staged);
    try {
      return await record(ctx, req, staged, archive, grpc);
    } catch (err) {
      if (putHere) await discardArchiveIfUnreferenced(ctx.db, ctx.storage, staged.sha256);
      throw err;
    }
  } finally {
    await staged.discard();
  }
}

/** Answers whether this call wrote the archive. */
async function ensureStored(storage: PluginStorage, staged: StagedUpload): Promise<boolean> {
  const key = buildKey(staged.sha256);
  if (await storage.head(key)) return false;
  await storage.put(key, createReadStream(staged.path), { size: staged.size, sha256: staged.sha256 });
  return true;
}

function record(ctx: UploadContext, req: UploadRequest, staged: StagedUpload, archive: InspectedArchive, grpc: GrpcFiles) {
  const now = ctx.now();
  const manifest = archive.manifest;
  return ctx.db.transaction(async (tx): Promise<UploadPluginBuildResponse> => {
    const r = new PluginRepository(tx);
    await lockArchive(tx, staged.sha256);
    // Under the lock, a delete that removed the archive since the copy is seen and undone.
    await ensureStored(ctx.storage, staged);
    const plugin = await r.lockOrCreatePlugin({
      organizationId: req.org.id,
      namespaceId: req.namespace.id,
      name: req.plugin,
      description: manifest?.description ?? null,
      createdBy: actorId(req.principal),
      createdByLabel: actorLabel(req.principal),
      now,
    });
    const same = await r.findBuildBySha(plugin.id, staged.sha256);
    if (same) return { build: toPluginBuildDetail(req.org.slug, req.namespace.name, plugin, same), created: false };
    const { versions, maxSeq } = await r.versionsAndMaxSeq(plugin.id);
    let version = manifest?.version;
    if (version && versions.has(version)) throw versionConflict(req.plugin, version);
    if (!version) {
      let n = versions.size + 1;
      while (versions.has(`v${n}`)) n++;
      version = `v${n}`;
    }
    const row = await r.insertBuild({
      pluginId: plugin.id,
      organizationId: req.org.id,
      seq: maxSeq + 1,
      version,
      sha256: staged.sha256,
      sizeBytes: staged.size,
      platforms: archive.platforms,
      schemaFile: archive.schemaFile,
      schemaSdl: archive.schemaSdl,
      protoSchema: grpc.protoSchema,
      mapping: grpc.mapping,
      serviceName: grpc.serviceName,
      grpcSource: grpc.source,
      uploadedBy: actorId(req.principal),
      uploadedByLabel: actorLabel(req.principal),
      createdAt: now,
    });
    return { build: toPluginBuildDetail(req.org.slug, req.namespace.name, plugin, row), created: true };
  });
}

const versionConflict = (name: string, version: string) =>
  conflict(`Plugin "${name}" already has a version ${version} with different content; versions are immutable, so give this build a new version in plugin.json`, {
    version,
  });
