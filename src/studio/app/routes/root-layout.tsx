import { Outlet, useNavigation } from 'react-router';

/** The whole app; a thin bar at the top shows that a page or its data is on its way. */
export function RootLayout() {
  const navigation = useNavigation();
  return (
    <>
      {navigation.state !== 'idle' && (
        <div role="progressbar" aria-label="Loading page" className="fixed inset-x-0 top-0 z-[60] h-0.5 overflow-hidden">
          <div className="h-full w-2/5 animate-progress bg-foreground/60" />
        </div>
      )}
      <Outlet />
    </>
  );
}
