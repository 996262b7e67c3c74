import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { OrgContext } from '../../auth/principal.ts';
import { AppError, badRequest, notFound } from '../../http/errors.ts';
import { checkSdlSyntax } from '../../../shared/composition/compose.ts';
import {
  MAX_SCHEMA_BYTES,
  type publishSchemaRequestSchema,
  type PublishSchemaResponse,
  type SchemaDiff,
  type SchemaVersion,
  type SchemaVersionWithSdl,
} from '../../../shared/api/schema-registry.ts';
import type { Actor } from '../actor.ts';
import { inNamespaceTransaction, readSubgraph, type RegistryDeps } from '../registry-context.ts';
import { recomposeGraphs } from '../compositions/composer.ts';
import { toSchemaVersion } from '../views.ts';
import { buildSubgraph, schemaChanges, unifiedDiff } from '../checks/schema-changes.ts';
import {
  affectedGraphs,
  applySubgraphChanges,
  createSubgraph,
  view,
} from './subgraph-service.ts';

type PublishSchema = z.output<typeof publishSchemaRequestSchema>;

/** Size and syntax come first, before any database work: a 400/413 with line and column. */
export function assertPublishableSdl(sdl: string): void {
  const bytes = Buffer.byteLength(sdl, 'utf8');
  if (bytes > MAX_SCHEMA_BYTES) {
    throw new AppError(
      413,
      'payload_too_large',
      `The schema is ${bytes} bytes; schemas are at most ${MAX_SCHEMA_BYTES} bytes (5 MB)`,
    );
  }
  const syntax = checkSdlSyntax(sdl);
  if (!syntax.ok) throw badRequest(syntax.message, { line: syntax.line, column: syntax.column });
}

export class SchemaService {
  constructor(private readonly deps: RegistryDeps) {}

  /**
   * Publishes a subgraph's schema as a new version and recomposes every graph it is in.
   * Like Cosmo's `publish`, it creates the subgraph when it does not exist yet, and
   * applies a given routing URL, type or labels to an existing one. Publishing the same
   * SDL again makes no new version.
   */
  async publish(
    org: OrgContext,
    actor: Actor,
    namespace: string,
    name: string,
    input: PublishSchema,
  ): Promise<PublishSchemaResponse> {
    assertPublishableSdl(input.sdl);
    const now = this.deps.now();
    return inNamespaceTransaction(this.deps, org, namespace, async (r, ns) => {
      const existing = await r.subgraphs.find(ns.id, name);
      let subgraph;
      const changed: string[] = [];
      if (!existing) {
        const type = input.type ?? 'standard';
        if (type !== 'grpc_plugin' && !input.routingUrl) {
          throw badRequest(
            `Subgraph "${name}" does not exist in namespace "${namespace}" yet; give its routingUrl (and type, labels) to create it with this publish`,
          );
        }
        subgraph = await createSubgraph(
          r,
          ns,
          org,
          actor,
          {
            name,
            type,
            routingUrl: input.routingUrl,
            labels: input.labels ?? [],
            pluginName: input.pluginName,
            pluginVersion: input.pluginVersion,
          },
          now,
        );
      } else {
        const applied = await applySubgraphChanges(r, ns, org, actor, existing, input, now);
        subgraph = applied.subgraph;
        changed.push(...applied.changed);
      }
      const sha256 = createHash('sha256').update(input.sdl).digest('hex');
      const latest = await r.versions.latest(subgraph.id);
      const unchanged = latest !== undefined && latest.sha256 === sha256 && latest.sdl === input.sdl;
      const version = unchanged
        ? latest
        : await r.versions.create({
            subgraphId: subgraph.id,
            sdl: input.sdl,
            sha256,
            sizeBytes: Buffer.byteLength(input.sdl, 'utf8'),
            createdBy: actor.userId,
            createdByLabel: actor.label,
            now,
          });
      if (!unchanged) {
        await r.audit.record({
          organizationId: org.id,
          actor,
          action: 'subgraph.schema_published',
          resourceType: 'subgraph',
          resourceName: name,
          namespace,
          details: { version: version.version, sha256, sizeBytes: version.sizeBytes },
          now,
        });
      }
      const trigger = [
        ...(unchanged ? [] : [`schema of ${name} published (v${version.version})`]),
        ...(changed.length ? [`subgraph ${name} changed (${changed.join(', ')})`] : []),
      ].join('; ');
      const graphs = await affectedGraphs(r, ns, existing ? [existing, subgraph] : [subgraph]);
      const compositions = trigger
        ? await recomposeGraphs({ r, namespace: ns, actor, trigger, now }, graphs)
        : [];
      return {
        subgraph: await view(r, ns, subgraph),
        version: toSchemaVersion(version),
        created: !existing,
        unchanged,
        compositions,
      };
    });
  }

  async versions(org: OrgContext, namespace: string, name: string): Promise<SchemaVersion[]> {
    const { r, subgraph } = await readSubgraph(this.deps, org, namespace, name);
    return (await r.versions.list(subgraph.id)).map(toSchemaVersion);
  }

  async version(
    org: OrgContext,
    namespace: string,
    name: string,
    version: number | 'latest',
  ): Promise<SchemaVersionWithSdl> {
    const { r, subgraph } = await readSubgraph(this.deps, org, namespace, name);
    const row =
      version === 'latest'
        ? await r.versions.latest(subgraph.id)
        : await r.versions.get(subgraph.id, version);
    if (!row) {
      throw notFound(
        version === 'latest'
          ? `Subgraph "${name}" has no published schema yet`
          : `Subgraph "${name}" has no version ${version}`,
      );
    }
    return { ...toSchemaVersion(row), sdl: row.sdl };
  }

  async diff(
    org: OrgContext,
    namespace: string,
    name: string,
    from: number,
    to: number,
  ): Promise<SchemaDiff> {
    const [a, b] = [
      await this.version(org, namespace, name, from),
      await this.version(org, namespace, name, to),
    ];
    const before = buildSubgraph(a.sdl);
    const after = buildSubgraph(b.sdl);
    let changesError: string | null = null;
    let changes: SchemaDiff['changes'] = [];
    if ('error' in before)
      changesError = `Version ${from} does not build as a subgraph schema: ${before.error}`;
    else if ('error' in after)
      changesError = `Version ${to} does not build as a subgraph schema: ${after.error}`;
    else changes = await schemaChanges(before.schema, after.schema);
    const { sdl: _a, ...fromMeta } = a;
    const { sdl: _b, ...toMeta } = b;
    return {
      from: fromMeta,
      to: toMeta,
      unifiedDiff: unifiedDiff(`${name}@v${from}.graphql`, `${name}@v${to}.graphql`, a.sdl, b.sdl),
      changes,
      changesError,
    };
  }
}
