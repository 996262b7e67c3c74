import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UploadPluginBuildResponse } from '../../../../shared/api/plugins.ts';
import { pluginPaths } from '../../../../shared/api/plugins.ts';
import { CSRF_HEADER } from '../../../../shared/api/auth-constants.ts';
import { ApiError, csrfTokenForWrite, parseApiError } from '@/lib/api-client';
import { pluginsQueryKey } from './keys.ts';

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadPluginBuildInput {
  name: string;
  file: File;
  signal?: AbortSignal;
  onProgress?: (progress: UploadProgress) => void;
}

/** What an aborted upload rejects with, so callers can tell "cancelled" from a failure. */
export class UploadCancelledError extends Error {
  override name = 'UploadCancelledError';
  constructor() {
    super('Upload cancelled');
  }
}

/**
 * fetch() has no upload progress, so the archive goes up with XMLHttpRequest: the file is
 * the raw body (the server streams it to storage), with the CSRF header; the session cookie
 * goes along as with fetch's `credentials: 'same-origin'`.
 */
function send(url: string, input: UploadPluginBuildInput, csrfToken: string | null): Promise<UploadPluginBuildResponse> {
  const { file, signal, onProgress } = input;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new UploadCancelledError());
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'application/gzip');
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader(CSRF_HEADER, csrfToken);
    xhr.upload.onprogress = (event) => onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    xhr.onload = () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as UploadPluginBuildResponse);
        } catch {
          reject(new ApiError(xhr.status, 'unknown', 'The server accepted the upload but its answer could not be read'));
        }
      } else {
        reject(parseApiError(xhr.status, xhr.statusText, xhr.responseText));
      }
    };
    xhr.onabort = () => {
      done();
      reject(new UploadCancelledError());
    };
    xhr.onerror = () => {
      done();
      // A server that refuses a body early (over the size limit) may close the connection mid-upload.
      reject(
        new ApiError(
          0,
          'network_error',
          'The upload was interrupted: the connection to the Switchyard server closed. Check that it is running and that the file is within its size limit.',
        ),
      );
    };
    xhr.send(file);
  });
}

export async function uploadPluginBuild(org: string, namespace: string, input: UploadPluginBuildInput): Promise<UploadPluginBuildResponse> {
  const url = pluginPaths.builds(org, namespace, input.name);
  try {
    return await send(url, input, await csrfTokenForWrite());
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 403 || err.code !== 'csrf_failed') throw err;
    // The session changed in another tab (logged out and in again): send once more with the new token.
    return send(url, input, await csrfTokenForWrite(true));
  }
}

export function useUploadPluginBuild(org: string, namespace: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UploadPluginBuildInput) => uploadPluginBuild(org, namespace, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pluginsQueryKey(org, namespace) }),
  });
}
