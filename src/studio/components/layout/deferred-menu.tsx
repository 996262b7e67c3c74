import { cloneElement, lazy, Suspense, useState, type ComponentType, type MouseEvent, type ReactElement } from 'react';

type MenuProps<P> = P & { defaultOpen: boolean };

interface PlaceholderProps {
  onClick?: (event: MouseEvent<HTMLButtonElement>) => void;
  onPointerEnter?: () => void;
  onFocus?: () => void;
}

/**
 * Radix menus (popper, focus scope, scroll lock) weigh ~30 KB gzipped, too much for the
 * first page. The sidebar shows a look-alike button; the real menu loads on hover or
 * focus and opens on the click that asked for it.
 */
export function deferMenu<P extends object>(load: () => Promise<ComponentType<MenuProps<P>>>) {
  let loading: Promise<ComponentType<MenuProps<P>>> | undefined;
  const preload = () => {
    loading ??= load();
    return loading;
  };
  const Menu = lazy(async () => ({ default: await preload() }));

  return function DeferredMenu({ placeholder, ...props }: P & { placeholder: ReactElement<PlaceholderProps> }) {
    const [armed, setArmed] = useState(false);
    if (!armed) {
      return cloneElement(placeholder, {
        onPointerEnter: () => void preload(),
        onFocus: () => void preload(),
        onClick: () => setArmed(true),
      });
    }
    return (
      <Suspense fallback={placeholder}>
        <Menu {...(props as P)} defaultOpen />
      </Suspense>
    );
  };
}
