import { useSyncExternalStore } from 'react';

export type ThemePreference = 'light' | 'dark' | 'system';
export type ResolvedTheme = 'light' | 'dark';

// index.html reads the same key before the first paint.
const STORAGE_KEY = 'switchyard-theme';
const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');
const listeners = new Set<() => void>();

function readPreference(): ThemePreference {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

let preference: ThemePreference = readPreference();

function resolve(pref: ThemePreference): ResolvedTheme {
  if (pref !== 'system') return pref;
  return darkQuery().matches ? 'dark' : 'light';
}

function apply() {
  document.documentElement.classList.toggle('dark', resolve(preference) === 'dark');
  for (const listener of listeners) listener();
}

export function setThemePreference(next: ThemePreference) {
  preference = next;
  try {
    if (next === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  apply();
}

/** Follows the OS setting while the preference is "system", and other tabs' choices. */
export function initTheme() {
  darkQuery().addEventListener('change', () => preference === 'system' && apply());
  window.addEventListener('storage', (event) => {
    if (event.key !== STORAGE_KEY) return;
    preference = readPreference();
    apply();
  });
  apply();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useTheme(): { preference: ThemePreference; resolved: ResolvedTheme } {
  const pref = useSyncExternalStore(subscribe, () => preference);
  const resolved = useSyncExternalStore(subscribe, () => resolve(preference));
  return { preference: pref, resolved };
}
