import { Navigate, Outlet, useParams } from 'react-router';
import { paths } from '@/config/paths';
import { useMe } from '@/features/auth/api/get-me';
import { PageSpinner } from '@/components/ui/spinner';
import { AppLayout } from '@/components/layout/app-layout';

export function Component() {
  const { data: me } = useMe();
  const { org } = useParams();
  // The loader checked membership on the way in; this catches losing it while here
  // (an admin removing themselves), when "/" picks the next organization.
  if (!me) return <PageSpinner />;
  if (!me.organizations.some((o) => o.slug === org)) return <Navigate to={paths.home.getHref()} replace />;
  return (
    <AppLayout>
      <Outlet />
    </AppLayout>
  );
}
