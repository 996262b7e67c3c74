import type { ComponentProps } from 'react';
import type { SubgraphKind } from '../../../../shared/router-config.ts';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';

const descriptions: Record<SubgraphKind, string> = {
  standard: 'A GraphQL service over HTTP',
  grpc_service: 'A gRPC service the router calls',
  grpc_plugin: 'A gRPC plugin the router runs',
};

type TriggerProps = Omit<ComponentProps<typeof SelectTrigger>, 'value' | 'onChange' | 'defaultValue' | 'dir'>;

export function SubgraphTypeSelect({ value, onValueChange, ...trigger }: { value: SubgraphKind; onValueChange: (v: SubgraphKind) => void } & TriggerProps) {
  return (
    <Select value={value} onValueChange={(v) => onValueChange(v as SubgraphKind)}>
      <SelectTrigger {...trigger}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {(Object.keys(descriptions) as SubgraphKind[]).map((kind) => (
          <SelectItem key={kind} value={kind} description={descriptions[kind]}>
            {kind}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
