import { useMe } from '@/features/auth/api/get-me';
import { deferMenu } from './deferred-menu.tsx';
import { UserMenuButton } from './user-menu-button.tsx';

const DeferredUserMenu = deferMenu(() => import('./user-menu-content.tsx').then((m) => m.UserMenuContent));

export function UserMenu() {
  const { data: me } = useMe();
  if (!me) return null;
  return <DeferredUserMenu placeholder={<UserMenuButton user={me.user} />} />;
}
