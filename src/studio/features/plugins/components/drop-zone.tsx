import { useId, useState, type DragEvent } from 'react';
import { FileArchive, Upload } from 'lucide-react';
import { cn } from '@/lib/utils';
import { formatBytes } from '../format.ts';

interface DropZoneProps {
  file: File | null;
  onFile: (file: File) => void;
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string;
}

/** Drop a .tar.gz here or pick one; the input stays in the DOM so keyboards (and tests) can use it. */
export function DropZone({ file, onFile, disabled, invalid, describedBy }: DropZoneProps) {
  const id = useId();
  const [over, setOver] = useState(false);

  const onDrop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    setOver(false);
    if (disabled) return;
    const dropped = event.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  };

  return (
    <label
      htmlFor={id}
      onDragOver={(event) => {
        event.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="drop-zone"
      className={cn(
        'flex cursor-pointer flex-col items-center justify-center gap-1.5 rounded-lg border border-dashed px-4 py-6 text-center transition-colors',
        'has-[:focus-visible]:border-ring has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring/25',
        over ? 'border-ring bg-accent' : 'hover:bg-surface',
        invalid && 'border-destructive',
        disabled && 'pointer-events-none opacity-60',
      )}
    >
      <input
        id={id}
        type="file"
        accept=".tar.gz,.tgz,application/gzip,application/x-gzip"
        aria-label="Build archive (.tar.gz)"
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        disabled={disabled}
        className="sr-only"
        onChange={(event) => {
          const picked = event.target.files?.[0];
          if (picked) onFile(picked);
          // The same file picked again (after fixing it on disk) still fires a change.
          event.target.value = '';
        }}
      />
      {file ? (
        <>
          <FileArchive className="size-5 text-muted-foreground" aria-hidden />
          <span className="max-w-full truncate font-mono text-xs font-medium" data-testid="picked-file">
            {file.name}
          </span>
          <span className="text-xs text-muted-foreground">{formatBytes(file.size)} · drop or click to pick another</span>
        </>
      ) : (
        <>
          <Upload className="size-5 text-muted-foreground" aria-hidden />
          <span className="text-[13px] font-medium">Drop a build .tar.gz here</span>
          <span className="text-xs text-muted-foreground">or click to choose a file</span>
        </>
      )}
    </label>
  );
}
