import protobuf from 'protobufjs';

/**
 * A service.proto loaded with protobufjs, keeping proto field names as written
 * (snake_case) so they match mapping.json, with google/protobuf/wrappers.proto
 * resolved from protobufjs' bundled copy (no files on disk needed).
 */
export interface ProtoService {
  root: protobuf.Root;
  service: protobuf.Service;
  /** "/package.Service/" prefix of every method path */
  pathPrefix: string;
  method(name: string): protobuf.Method;
  type(name: string): protobuf.Type;
}

export class ProtoSchemaError extends Error {
  override name = 'ProtoSchemaError';
}

const commonImports = new Set([
  'google/protobuf/wrappers.proto',
  'google/protobuf/empty.proto',
  'google/protobuf/timestamp.proto',
  'google/protobuf/duration.proto',
  'google/protobuf/struct.proto',
  'google/protobuf/any.proto',
  'google/protobuf/field_mask.proto',
]);

export function loadProtoService(protoText: string, serviceName?: string): ProtoService {
  const root = new protobuf.Root();
  let parsed: protobuf.IParserResult;
  try {
    parsed = protobuf.parse(protoText, root, { keepCase: true });
  } catch (err) {
    throw new ProtoSchemaError(
      `service.proto does not parse: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  // Wrappers are always there: protographic (0.20) can use them without importing them
  // (a @requires field set with a nullable scalar), which protoc would refuse.
  const imports = new Set(['google/protobuf/wrappers.proto', ...(parsed.imports ?? [])]);
  for (const file of imports) {
    const json = commonImports.has(file) ? protobuf.common.get(file) : null;
    if (!json) throw new ProtoSchemaError(`service.proto imports "${file}", which is not available`);
    root.addJSON(json.nested ?? {});
  }
  try {
    root.resolveAll();
  } catch (err) {
    throw new ProtoSchemaError(
      `service.proto does not resolve: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const services: protobuf.Service[] = [];
  collectServices(root, services);
  const service = serviceName ? services.find((s) => s.name === serviceName) : services[0];
  if (!service) {
    throw new ProtoSchemaError(
      serviceName ? `service.proto has no service "${serviceName}"` : 'service.proto defines no service',
    );
  }
  const packageName = parsed.package ?? '';
  const pathPrefix = `/${packageName ? `${packageName}.` : ''}${service.name}/`;
  const packageNs = packageName ? root.lookup(packageName) : null;
  const lookupBase: protobuf.NamespaceBase = packageNs instanceof protobuf.Namespace ? packageNs : root;
  return {
    root,
    service,
    pathPrefix,
    method(name) {
      const m = service.methods[name];
      if (!m) throw new ProtoSchemaError(`service ${service.name} has no rpc ${name}`);
      m.resolve();
      return m;
    },
    type(name) {
      const found = lookupBase.lookup(name) ?? root.lookup(name);
      if (!(found instanceof protobuf.Type))
        throw new ProtoSchemaError(`service.proto has no message ${name}`);
      return found;
    },
  };
}

function collectServices(ns: protobuf.NamespaceBase, out: protobuf.Service[]): void {
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Service) out.push(nested);
    else if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type)
      collectServices(nested, out);
  }
}

/** google.protobuf.StringValue and friends: nullable scalars. */
// Asked for every field of every message the router decodes; protobufjs builds fullName on each read.
const scalarWrappers = new WeakMap<protobuf.Type, boolean>();
const listWrappers = new WeakMap<protobuf.Type, boolean>();

export function isScalarWrapper(type: protobuf.Type): boolean {
  let known = scalarWrappers.get(type);
  if (known === undefined) {
    known =
      type.fullName.startsWith('.google.protobuf.') && type.name.endsWith('Value') && !!type.fields['value'];
    scalarWrappers.set(type, known);
  }
  return known;
}

/** protographic's ListOf…X wrappers: { list: { items: [...] } } for nullable and nested lists. */
export function isListWrapper(type: protobuf.Type): boolean {
  let known = listWrappers.get(type);
  if (known === undefined) {
    const list = type.name.startsWith('ListOf') ? type.fields['list'] : undefined;
    known = !!list && list.resolvedType instanceof protobuf.Type && !!list.resolvedType.fields['items'];
    listWrappers.set(type, known);
  }
  return known;
}
