import { useParams } from 'react-router';

/** The graph in the URL; only used below /o/:org/graphs/:namespace/:graph. */
export function useGraphParams(): { org: string; namespace: string; graph: string } {
  const { org, namespace, graph } = useParams();
  if (!org || !namespace || !graph) throw new Error('useGraphParams is used outside a graph route');
  return { org, namespace, graph };
}
