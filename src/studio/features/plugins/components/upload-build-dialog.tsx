import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Upload } from 'lucide-react';
import type { UploadPluginBuildResponse } from '../../../../shared/api/plugins.ts';
import { resourceNameSchema } from '../../../../shared/names.ts';
import { paths } from '@/config/paths';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { UploadCancelledError, useUploadPluginBuild, type UploadProgress } from '../api/upload-plugin-build.ts';
import { readPluginManifest, type PluginManifestPreview } from '../read-manifest.ts';
import { DropZone } from './drop-zone.tsx';
import { UploadProgressBar } from './upload-progress.tsx';
import { UploadFailed, UploadSucceeded } from './upload-result.tsx';

const ARCHIVE_SUFFIX = /\.(tar\.gz|tgz)$/i;

type Phase =
  | { kind: 'form' }
  | { kind: 'uploading'; progress: UploadProgress }
  | { kind: 'done'; result: UploadPluginBuildResponse }
  | { kind: 'failed'; error: unknown }
  | { kind: 'cancelled' };

/** "products.tar.gz" names the plugin "products"; a name that is not a valid one is left for the person. */
/** What plugin.json in the picked archive says, and whether it disagrees with the name field. */
function ManifestNote({ manifest, name }: { manifest: PluginManifestPreview | null; name: string }) {
  if (!manifest || (!manifest.name && !manifest.version)) {
    return <p className="text-xs text-muted-foreground">No plugin.json name or version found: the version will be the next v&lt;N&gt;.</p>;
  }
  const clash = manifest.name && name && manifest.name !== name;
  return (
    <p className={clash ? 'text-xs text-amber-700 dark:text-amber-400' : 'text-xs text-muted-foreground'} data-testid="manifest-note">
      plugin.json: {manifest.name ? <>name <code className="font-mono">{manifest.name}</code></> : 'no name'}
      {manifest.version ? <>, version <code className="font-mono">{manifest.version}</code></> : ', no version (the next v<N> is used)'}
      {clash && <>. It names another plugin than “{name}”, so the server will refuse it.</>}
    </p>
  );
}

function nameFromFile(file: File): string | null {
  const base = file.name.replace(ARCHIVE_SUFFIX, '').toLowerCase();
  return resourceNameSchema.safeParse(base).success ? base : null;
}

interface UploadBuildDialogProps {
  org: string;
  namespace: string;
  /** On a plugin's own page the name is fixed. */
  plugin?: string;
}

export function UploadBuildDialog({ org, namespace, plugin }: UploadBuildDialogProps) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(plugin ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [manifest, setManifest] = useState<{ file: File; value: PluginManifestPreview | null } | null>(null);
  // A name the person typed is theirs; one filled in from the file may be replaced by the next file's.
  const nameIsAuto = useRef(true);
  const latestPick = useRef<File | null>(null);
  const [errors, setErrors] = useState<{ name?: string; file?: string }>({});
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const abort = useRef<AbortController | null>(null);
  const fileErrorId = useId();
  const upload = useUploadPluginBuild(org, namespace);

  const reset = () => {
    setName(plugin ?? '');
    nameIsAuto.current = true;
    setFile(null);
    setManifest(null);
    setErrors({});
    setPhase({ kind: 'form' });
    upload.reset();
  };

  const fillName = (value: string | null | undefined) => {
    if (plugin || !value || !nameIsAuto.current || !resourceNameSchema.safeParse(value).success) return;
    setName(value);
    setErrors((e) => ({ ...e, name: undefined }));
  };

  const pickFile = (picked: File) => {
    setFile(picked);
    setManifest(null);
    setErrors((e) => ({ ...e, file: undefined }));
    if (phase.kind !== 'form') setPhase({ kind: 'form' });
    fillName(nameFromFile(picked));
    latestPick.current = picked;
    void readPluginManifest(picked).then((value) => {
      // A slow read of an earlier pick must not overwrite the current one.
      if (latestPick.current !== picked) return;
      setManifest({ file: picked, value });
      fillName(value?.name);
    });
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checkedName = resourceNameSchema.safeParse(name);
    const next: { name?: string; file?: string } = {};
    if (!checkedName.success) next.name = checkedName.error.issues[0]?.message ?? 'Invalid name';
    if (!file) next.file = 'Choose the build archive to upload';
    else if (file.size === 0) next.file = 'This file is empty';
    else if (!ARCHIVE_SUFFIX.test(file.name)) next.file = 'Choose a .tar.gz archive (switchyard plugin build makes one)';
    setErrors(next);
    if (next.name || next.file || !file) return;

    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'uploading', progress: { loaded: 0, total: file.size } });
    // Not mutate's callbacks: they do not run once the observer unmounts (dialog closed).
    upload
      .mutateAsync({
        name,
        file,
        signal: controller.signal,
        onProgress: (progress) => setPhase((p) => (p.kind === 'uploading' ? { kind: 'uploading', progress } : p)),
      })
      .then(
        (result) => setPhase({ kind: 'done', result }),
        (error: unknown) => setPhase(error instanceof UploadCancelledError ? { kind: 'cancelled' } : { kind: 'failed', error }),
      )
      .finally(() => {
        if (abort.current === controller) abort.current = null;
      });
  };

  const uploading = phase.kind === 'uploading';
  const pluginHref = paths.org.plugin.getHref(org, namespace, phase.kind === 'done' ? phase.result.build.plugin : name);

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        // Closing the dialog mid-upload cancels it, so nothing keeps sending in the background.
        if (!next) abort.current?.abort();
        setOpen(next);
        if (!next) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm">
          <Upload aria-hidden />
          Upload build
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-lg" onInteractOutside={(event) => uploading && event.preventDefault()}>
        <form noValidate onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>{plugin ? `Upload a build of ${plugin}` : `Upload a plugin build to “${namespace}”`}</DialogTitle>
            <DialogDescription>
              A <code className="font-mono">.tar.gz</code> in Cosmo's plugin layout, as <code className="font-mono">switchyard plugin build</code>{' '}
              makes it. The version comes from its <code className="font-mono">plugin.json</code>, or is the next one.
            </DialogDescription>
          </DialogHeader>
          {phase.kind === 'done' ? (
            <UploadSucceeded result={phase.result} />
          ) : (
            <>
              <Field label="Plugin name" error={errors.name} hint="Lowercase letters, digits, - and _. The plugin is created by its first build.">
                <Input
                  name="name"
                  value={name}
                  onChange={(event) => {
                    nameIsAuto.current = event.target.value === '';
                    setName(event.target.value);
                  }}
                  maxLength={100}
                  placeholder="products"
                  disabled={Boolean(plugin) || uploading}
                  autoFocus={!plugin}
                />
              </Field>
              <div className="grid gap-1.5">
                <span className="text-xs font-medium leading-none">Archive</span>
                <DropZone file={file} onFile={pickFile} disabled={uploading} invalid={Boolean(errors.file)} describedBy={errors.file ? fileErrorId : undefined} />
                {errors.file ? (
                  <p id={fileErrorId} className="text-xs text-destructive">
                    {errors.file}
                  </p>
                ) : (
                  manifest?.file === file && <ManifestNote manifest={manifest.value} name={name} />
                )}
              </div>
              {phase.kind === 'uploading' && (
                <UploadProgressBar loaded={phase.progress.loaded} total={phase.progress.total} onCancel={() => abort.current?.abort()} />
              )}
              {phase.kind === 'failed' && <UploadFailed error={phase.error} />}
              {phase.kind === 'cancelled' && <Alert>Upload cancelled. Nothing was stored.</Alert>}
            </>
          )}
          <DialogFooter>
            {phase.kind === 'done' ? (
              <>
                <Button type="button" variant="outline" onClick={reset}>
                  Upload another
                </Button>
                <Button asChild>
                  <Link
                    to={pluginHref}
                    onClick={() => {
                      setOpen(false);
                      reset();
                    }}
                  >
                    Open {phase.result.build.plugin}
                  </Link>
                </Button>
              </>
            ) : (
              <>
                <DialogClose asChild>
                  <Button variant="outline" type="button" disabled={uploading}>
                    Close
                  </Button>
                </DialogClose>
                <Button type="submit" loading={uploading}>
                  Upload
                </Button>
              </>
            )}
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
