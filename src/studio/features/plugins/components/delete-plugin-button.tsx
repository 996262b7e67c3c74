import { useNavigate } from 'react-router';
import { Trash2 } from 'lucide-react';
import type { Plugin } from '../../../../shared/api/plugins.ts';
import { paths } from '@/config/paths';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { useDeletePlugin } from '../api/delete-plugin.ts';

/** The server refuses (409) while a subgraph uses the plugin; its message names them and stays in the dialog. */
export function DeletePluginButton({ org, plugin }: { org: string; plugin: Plugin }) {
  const remove = useDeletePlugin(org, plugin.namespace, plugin.name);
  const navigate = useNavigate();
  const { toast } = useToast();
  const list = paths.org.plugins.getHref(org);
  return (
    <ConfirmDialog
      title={`Delete the plugin ${plugin.name}?`}
      description={`All ${plugin.buildCount} ${plugin.buildCount === 1 ? 'build' : 'builds'} and their archives are deleted. Routers that already run it keep their copy until their config changes. This cannot be undone.`}
      confirmLabel="Delete plugin"
      onConfirm={async () => {
        await remove.mutateAsync();
        toast({ variant: 'success', title: `Plugin ${plugin.name} deleted` });
        void navigate(plugin.namespace === 'default' ? list : `${list}?namespace=${encodeURIComponent(plugin.namespace)}`);
      }}
      trigger={
        <Button size="sm" variant="outline" aria-label={`Delete ${plugin.name}`}>
          <Trash2 aria-hidden />
          Delete
        </Button>
      }
    />
  );
}
