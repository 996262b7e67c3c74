import { Monitor, Moon, Sun } from 'lucide-react';
import { setThemePreference, useTheme, type ThemePreference } from '@/lib/theme';
import { cn } from '@/lib/utils';

const options: { value: ThemePreference; label: string; icon: typeof Sun }[] = [
  { value: 'light', label: 'Light', icon: Sun },
  { value: 'dark', label: 'Dark', icon: Moon },
  { value: 'system', label: 'System', icon: Monitor },
];

/** Light, dark or follow the OS; remembered in localStorage. */
export function ThemeToggle({ className }: { className?: string }) {
  const { preference } = useTheme();
  return (
    <div role="radiogroup" aria-label="Theme" className={cn('inline-flex items-center rounded-md border bg-background p-0.5', className)}>
      {options.map(({ value, label, icon: Icon }) => (
        <button
          key={value}
          type="button"
          role="radio"
          aria-checked={preference === value}
          aria-label={`${label} theme`}
          title={`${label} theme`}
          onClick={() => setThemePreference(value)}
          className={cn(
            'flex size-6 items-center justify-center rounded-[5px] text-muted-foreground transition-colors hover:text-foreground',
            preference === value && 'bg-accent text-foreground',
          )}
        >
          <Icon className="size-3.5" aria-hidden />
        </button>
      ))}
    </div>
  );
}
