import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Trash2 } from 'lucide-react';
import { updateGraphRequestSchema, type GraphDetail } from '../../../../shared/api/graphs.ts';
import { paths } from '@/config/paths';
import { errorMessage, fieldErrors } from '@/lib/api-client';
import { validate, type FieldErrors } from '@/lib/form';
import type { CurrentOrg } from '@/hooks/use-current-org';
import { Section } from '@/components/layout/page-header';
import { Alert } from '@/components/ui/alert';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { PageSpinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useDeleteGraph } from '../api/delete-graph.ts';
import { useGraph } from '../api/get-graph.ts';
import { useUpdateGraph } from '../api/update-graph.ts';
import { useGraphParams } from '../use-graph-params.ts';
import { matcherError } from './create-graph-dialog.tsx';
import { HeaderRulesSection } from './header-rules-section.tsx';
import { splitLines, Textarea } from './textarea.tsx';

export function GraphSettings({ org }: { org: CurrentOrg }) {
  const { namespace, graph: name } = useGraphParams();
  const graph = useGraph(org.slug, namespace, name);
  if (graph.isPending) return <PageSpinner />;
  if (graph.isError) return null;
  const canWrite = org.role !== 'viewer';
  return (
    <div className="grid max-w-2xl gap-8">
      {!canWrite && <Alert>You are a viewer here: only developers and admins change or delete graphs.</Alert>}
      {/* Keyed by update time so a saved change (or one from another tab) resets the form. */}
      <EditGraphForm key={graph.data.updatedAt} org={org.slug} graph={graph.data} disabled={!canWrite} />
      <HeaderRulesSection org={org.slug} graph={graph.data} disabled={!canWrite} />
      {canWrite && <DeleteGraph org={org.slug} graph={graph.data} />}
    </div>
  );
}

function EditGraphForm({ org, graph, disabled }: { org: string; graph: GraphDetail; disabled: boolean }) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const update = useUpdateGraph(org, graph.namespace, graph.name);
  const { toast } = useToast();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const checked = validate(updateGraphRequestSchema, {
      routingUrl: form.get('routingUrl'),
      labelMatchers: splitLines(form.get('labelMatchers')),
    });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    update.mutate(checked.data, {
      onSuccess: ({ compositions }) => {
        const failed = compositions.some((c) => c.status === 'failed');
        toast(
          failed
            ? { variant: 'error', title: 'Saved, but the graph failed to compose', description: 'See the overview for the errors.' }
            : { variant: 'success', title: 'Graph saved' },
        );
      },
      onError: (err) => setErrors(fieldErrors(err)),
    });
  };

  return (
    <Section title="General" description="Changing the label matchers changes which subgraphs are in the graph and recomposes it.">
      <Card>
        <form noValidate onSubmit={submit} className="grid gap-4 p-4">
          <Field label="Routing URL" error={errors.routingUrl} hint="Where this graph's router serves it.">
            <Input name="routingUrl" defaultValue={graph.routingUrl} disabled={disabled} className="font-mono text-xs" />
          </Field>
          <Field label="Label matchers" error={matcherError(errors)} hint="One per line; a line like team=a,team=b matches either label.">
            <Textarea name="labelMatchers" rows={4} defaultValue={graph.labelMatchers.join('\n')} disabled={disabled} className="font-mono text-xs" />
          </Field>
          {update.isError && <Alert variant="error">{errorMessage(update.error)}</Alert>}
          {!disabled && (
            <div className="flex justify-end">
              <Button type="submit" loading={update.isPending}>
                Save changes
              </Button>
            </div>
          )}
        </form>
      </Card>
    </Section>
  );
}

function DeleteGraph({ org, graph }: { org: string; graph: GraphDetail }) {
  const remove = useDeleteGraph(org, graph.namespace, graph.name);
  const navigate = useNavigate();
  const { toast } = useToast();
  return (
    <Section title="Danger zone">
      <Card className="flex items-center justify-between gap-4 border-destructive/30 p-4">
        <div>
          <p className="text-[13px] font-medium">Delete this graph</p>
          <p className="text-xs text-muted-foreground">
            Its composition history, router configs and router tokens go with it. Subgraphs stay.
          </p>
        </div>
        <ConfirmDialog
          title={`Delete the graph ${graph.name}?`}
          description="Routers using its tokens stop getting configs at once. This cannot be undone."
          confirmLabel="Delete graph"
          onConfirm={async () => {
            await remove.mutateAsync();
            toast({ variant: 'success', title: `Graph ${graph.name} deleted` });
            void navigate(paths.org.graphs.getHref(org));
          }}
          trigger={
            <Button variant="destructive" size="sm">
              <Trash2 aria-hidden />
              Delete graph
            </Button>
          }
        />
      </Card>
    </Section>
  );
}
