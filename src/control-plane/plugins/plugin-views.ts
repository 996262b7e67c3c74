import { pluginPaths, type Plugin, type PluginBuild, type PluginBuildDetail } from '../../shared/api/plugins.ts';
import type { PluginBuildRow, PluginBuildSummaryRow, PluginRow } from './plugin-repository.ts';

/** Rows to API shapes; `orgSlug` and `namespace` name where the plugin lives for its links. */

export function toPluginBuild(orgSlug: string, namespace: string, p: PluginRow, b: PluginBuildSummaryRow): PluginBuild {
  return {
    id: b.id,
    namespace,
    plugin: p.name,
    version: b.version,
    sha256: b.sha256,
    size: b.sizeBytes,
    platforms: b.platforms,
    uploadedBy: b.uploadedByLabel,
    createdAt: b.createdAt.toISOString(),
    grpcSource: b.grpcSource,
    serviceName: b.serviceName,
    downloadPath: pluginPaths.download(orgSlug, namespace, p.name, b.version),
  };
}

export function toPluginBuildDetail(orgSlug: string, namespace: string, p: PluginRow, b: PluginBuildRow): PluginBuildDetail {
  return { ...toPluginBuild(orgSlug, namespace, p, b), schemaSdl: b.schemaSdl, protoSchema: b.protoSchema, mapping: b.mapping };
}

export function toPlugin(orgSlug: string, namespace: string, p: PluginRow, buildCount: number, latest: PluginBuildSummaryRow | null): Plugin {
  return {
    id: p.id,
    namespace,
    name: p.name,
    description: p.description,
    createdBy: p.createdByLabel,
    createdAt: p.createdAt.toISOString(),
    buildCount,
    latest: latest ? toPluginBuild(orgSlug, namespace, p, latest) : null,
  };
}
