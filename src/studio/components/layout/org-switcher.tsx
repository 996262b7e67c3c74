import { useCurrentOrg } from '@/hooks/use-current-org';
import { deferMenu } from './deferred-menu.tsx';
import { OrgSwitcherButton } from './org-switcher-button.tsx';

const OrgSwitcherMenu = deferMenu(() => import('./org-switcher-menu.tsx').then((m) => m.OrgSwitcherMenu));

export function OrgSwitcher() {
  const current = useCurrentOrg();
  return <OrgSwitcherMenu placeholder={<OrgSwitcherButton org={current} />} />;
}
