import { DEFAULT_NAMESPACE } from '../../../../shared/api/graphs.ts';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { useNamespaces } from '../api/get-namespaces.ts';

export function NamespaceSelect({ org, value, onValueChange }: { org: string; value: string; onValueChange: (ns: string) => void }) {
  const namespaces = useNamespaces(org);
  const names = namespaces.data?.namespaces.map((n) => n.name) ?? [DEFAULT_NAMESPACE];
  if (!names.includes(value)) names.push(value);
  return (
    <Select value={value} onValueChange={onValueChange}>
      <SelectTrigger size="sm" aria-label="Namespace" className="w-44">
        <span className="text-muted-foreground">Namespace</span>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {names.map((name) => {
          const info = namespaces.data?.namespaces.find((n) => n.name === name);
          return (
            <SelectItem key={name} value={name} description={info ? `${info.graphCount} graphs · ${info.subgraphCount} subgraphs` : undefined}>
              {name}
            </SelectItem>
          );
        })}
      </SelectContent>
    </Select>
  );
}
