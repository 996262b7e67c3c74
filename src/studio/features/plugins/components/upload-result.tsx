import type { ReactNode } from 'react';
import { CircleCheck, Info } from 'lucide-react';
import type { PluginBuildRejectionDetails, UploadPluginBuildResponse } from '../../../../shared/api/plugins.ts';
import { errorMessage, isApiError } from '@/lib/api-client';
import { Alert } from '@/components/ui/alert';
import { CopyButton } from '@/components/ui/copy-button';
import { formatBytes, shortSha } from '../format.ts';
import { PlatformBadges } from './platform-badges.tsx';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[6rem_1fr] items-center gap-2">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="min-w-0 text-[13px]">{children}</dd>
    </div>
  );
}

export function UploadSucceeded({ result }: { result: UploadPluginBuildResponse }) {
  const { build, created } = result;
  return (
    <div className="grid gap-3" data-testid="upload-result" data-created={created}>
      {created ? (
        <p role="status" className="flex items-center gap-2 text-[13px] font-medium">
          <CircleCheck className="size-4 text-emerald-600 dark:text-emerald-400" aria-hidden />
          Uploaded {build.plugin} version {build.version}
        </p>
      ) : (
        <p role="status" className="flex items-start gap-2 rounded-md border bg-surface px-3 py-2 text-xs">
          <Info className="mt-px size-3.5 shrink-0 text-sky-600 dark:text-sky-400" aria-hidden />
          <span>
            Already uploaded: this exact archive is {build.plugin} version <strong>{build.version}</strong>. Nothing new was
            stored.
          </span>
        </p>
      )}
      <dl className="grid gap-2 rounded-md border p-3">
        <Row label="Version">
          <span className="font-mono text-xs font-medium" data-testid="uploaded-version">
            {build.version}
          </span>
        </Row>
        <Row label="SHA-256">
          <span className="flex items-center gap-2">
            <code className="font-mono text-xs" title={build.sha256}>
              {shortSha(build.sha256)}
            </code>
            <CopyButton value={build.sha256} label="Copy" variant="ghost" className="h-6 px-1.5" />
          </span>
        </Row>
        <Row label="Size">{formatBytes(build.size)}</Row>
        <Row label="Platforms">
          <PlatformBadges platforms={build.platforms} />
        </Row>
        {build.serviceName && (
          <Row label="gRPC service">
            <code className="font-mono text-xs">{build.serviceName}</code>
            {build.grpcSource === 'generated' && <span className="ml-2 text-xs text-muted-foreground">(proto generated)</span>}
          </Row>
        )}
      </dl>
    </div>
  );
}

function rejectionDetails(error: unknown): PluginBuildRejectionDetails {
  if (!isApiError(error) || !error.details || typeof error.details !== 'object') return {};
  return error.details as PluginBuildRejectionDetails;
}

function messageOf(value: unknown): string {
  if (value && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') {
    const { message, subgraph } = value as { message: string; subgraph?: unknown };
    return typeof subgraph === 'string' ? `${subgraph}: ${message}` : message;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The server's reason, with the archive entry or schema position it names. */
export function UploadFailed({ error }: { error: unknown }) {
  const details = rejectionDetails(error);
  const where = details.file
    ? `${details.file}${details.line !== undefined ? `:${details.line}${details.column !== undefined ? `:${details.column}` : ''}` : ''}`
    : undefined;
  // A schema error names its file as the entry too; say it once.
  const entry = details.entry && details.entry !== details.file ? details.entry : undefined;
  return (
    <Alert variant="error" data-testid="upload-error">
      <p className="font-medium">{isApiError(error, 413) ? 'The archive is too large' : 'The build was refused'}</p>
      <p className="mt-0.5 break-words">{errorMessage(error)}</p>
      {(entry || where) && (
        <dl className="mt-1.5 grid gap-0.5">
          {entry && (
            <div className="flex gap-1.5">
              <dt>Archive entry:</dt>
              <dd>
                <code className="break-all font-mono" data-testid="upload-error-entry">
                  {entry}
                </code>
              </dd>
            </div>
          )}
          {where && (
            <div className="flex gap-1.5">
              <dt>Where:</dt>
              <dd>
                <code className="font-mono">{where}</code>
              </dd>
            </div>
          )}
        </dl>
      )}
      {details.errors && details.errors.length > 0 && (
        <ul className="mt-1.5 list-disc space-y-0.5 pl-4">
          {details.errors.slice(0, 10).map((e, i) => (
            <li key={i} className="break-words">
              {messageOf(e)}
            </li>
          ))}
        </ul>
      )}
      {isApiError(error) && error.status > 0 && (
        <p className="mt-1 font-mono text-[11px] opacity-80">
          {error.status} {error.code}
        </p>
      )}
    </Alert>
  );
}
