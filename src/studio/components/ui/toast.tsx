import { createContext, lazy, Suspense, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ToastInput, ToastItem } from './toast-types.ts';

export type { ToastInput, ToastItem } from './toast-types.ts';

interface ToastContextValue {
  toast: (input: ToastInput) => void;
}

const ToastContext = createContext<ToastContextValue | null>(null);

// Radix Toast loads with the first toast, not with the first page.
const Toaster = lazy(() => import('./toaster.tsx').then((m) => ({ default: m.Toaster })));

let nextId = 1;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);

  const toast = useCallback((input: ToastInput) => {
    setItems((current) => [...current.slice(-4), { ...input, id: nextId++ }]);
  }, []);
  const remove = useCallback((id: number) => setItems((current) => current.filter((t) => t.id !== id)), []);
  const value = useMemo(() => ({ toast }), [toast]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      {items.length > 0 && (
        <Suspense fallback={null}>
          <Toaster items={items} onRemove={remove} />
        </Suspense>
      )}
    </ToastContext.Provider>
  );
}

export function useToast(): ToastContextValue {
  const context = useContext(ToastContext);
  if (!context) throw new Error('useToast must be used inside <ToastProvider>');
  return context;
}
