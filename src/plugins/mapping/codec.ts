import protobuf from 'protobufjs';
import {
  getNamedType,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isInputObjectType,
  isInterfaceType,
  isScalarType,
  type GraphQLEnumType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';
import type { MappingIndex } from './mapping-index.ts';
import { isListWrapper, isScalarWrapper } from './proto-schema.ts';

/**
 * Converts values between GraphQL's shape (objects keyed by GraphQL field names, enum
 * values by GraphQL name, plain lists) and protographic's proto shape (snake_case field
 * names from mapping.json, proto enum numbers, google.protobuf wrappers for nullable
 * scalars, ListOf… wrappers for nullable and nested lists, oneof messages for
 * interfaces and unions). Which encoding a field uses is read from the proto field's
 * actual type, so the codec follows the .proto it is given rather than re-deriving
 * protographic's rules.
 *
 * Decoding in "lazy" mode returns object messages untouched, so the executor only
 * converts the fields a query selects; "deep" mode converts whole objects (the mock
 * and the SDK use it on small inputs).
 */
export type DecodeMode = 'lazy' | 'deep';
type Obj = Record<string, unknown>;

export class ProtoCodec {
  constructor(
    readonly schema: GraphQLSchema,
    readonly mapping: MappingIndex,
  ) {}

  // ---- GraphQL → proto -------------------------------------------------------

  encodeField(type: GraphQLType, value: unknown, field: protobuf.Field): unknown {
    if (value === null || value === undefined) return undefined;
    const t = isNonNullType(type) ? type.ofType : type;
    const rt = field.resolvedType;
    if (rt instanceof protobuf.Type && isScalarWrapper(rt)) {
      return { value: encodeScalar(value, rt.fields['value']!.type) };
    }
    if (rt instanceof protobuf.Type && isListWrapper(rt)) {
      return isListType(t) ? this.encodeListWrapper(t.ofType, value, rt) : undefined;
    }
    if (field.repeated) {
      const items = Array.isArray(value) ? value : [value];
      const inner = getNamedType(t);
      return items.map((item) => this.encodeItem(inner, item, field));
    }
    return this.encodeItem(getNamedType(t), value, field);
  }

  encodeObject(type: GraphQLNamedType, value: unknown, message: protobuf.Type): Obj {
    const obj = (value ?? {}) as Obj;
    if (isAbstractType(type) || message.oneofsArray.length > 0) {
      const typename = typeof obj['__typename'] === 'string' ? obj['__typename'] : undefined;
      const member = message.oneofsArray[0]?.fieldsArray.find((f) => f.resolvedType?.name === typename);
      const concrete = typename ? this.schema.getType(typename) : undefined;
      if (!member || !concrete || !(member.resolvedType instanceof protobuf.Type)) return {};
      return { [member.name]: this.encodeObject(concrete, obj, member.resolvedType) };
    }
    if (!isObjectType(type) && !isInputObjectType(type) && !isInterfaceType(type)) return {};
    const out: Obj = {};
    const fields = type.getFields() as Record<string, GraphQLField<unknown, unknown> | GraphQLInputField>;
    for (const [name, def] of Object.entries(fields)) {
      if (obj[name] === undefined) continue;
      const protoName = this.mapping.protoField(type.name, name);
      const pf = message.fields[protoName];
      if (!pf) continue;
      const encoded = this.encodeField(def.type, obj[name], pf);
      if (encoded !== undefined) out[protoName] = encoded;
    }
    return out;
  }

  encodeEnum(type: GraphQLEnumType, value: unknown, protoEnum: protobuf.Enum): number {
    const name = String(value);
    const protoName = this.mapping.protoEnumValue(type.name, name) ?? `${enumPrefix(type.name)}_${name}`;
    return protoEnum.values[protoName] ?? 0;
  }

  private encodeListWrapper(itemType: GraphQLType, value: unknown, wrapper: protobuf.Type): Obj {
    const items = Array.isArray(value) ? value : [value];
    const itemsField = (wrapper.fields['list']!.resolvedType as protobuf.Type).fields['items']!;
    const inner = isNonNullType(itemType) ? itemType.ofType : itemType;
    const nested = itemsField.resolvedType instanceof protobuf.Type && isListWrapper(itemsField.resolvedType);
    return {
      list: {
        items: items.map((item) => {
          if (nested) {
            // An unset inner `list` decodes as a null inner list.
            if (item === null || item === undefined || !isListType(inner)) return {};
            return this.encodeListWrapper(inner.ofType, item, itemsField.resolvedType as protobuf.Type);
          }
          return this.encodeItem(getNamedType(inner), item, itemsField) ?? defaultFor(itemsField);
        }),
      },
    };
  }

  private encodeItem(named: GraphQLNamedType, value: unknown, field: protobuf.Field): unknown {
    if (value === null || value === undefined) return field.repeated ? defaultFor(field) : undefined;
    const rt = field.resolvedType;
    if (isEnumType(named) && rt instanceof protobuf.Enum) return this.encodeEnum(named, value, rt);
    if (rt instanceof protobuf.Type) return this.encodeObject(named, value, rt);
    return encodeScalar(value, field.type);
  }

  // ---- proto → GraphQL -------------------------------------------------------

  decodeField(type: GraphQLType, value: unknown, field: protobuf.Field, mode: DecodeMode): unknown {
    const t = isNonNullType(type) ? type.ofType : type;
    const rt = field.resolvedType;
    if (rt instanceof protobuf.Type && isScalarWrapper(rt)) {
      if (value === null || value === undefined) return null;
      return decodeScalar(getNamedType(t), (value as Obj)['value']);
    }
    if (rt instanceof protobuf.Type && isListWrapper(rt)) {
      return isListType(t) ? this.decodeListWrapper(t.ofType, value, rt, mode) : null;
    }
    if (field.repeated) {
      const items = Array.isArray(value) ? value : [];
      const named = getNamedType(t);
      return items.map((item: unknown) => this.decodeItem(named, item, field, mode));
    }
    return this.decodeItem(getNamedType(t), value, field, mode);
  }

  decodeObject(type: GraphQLNamedType, value: unknown, message: protobuf.Type): Obj | null {
    if (value === null || value === undefined) return null;
    const unwrapped = this.unwrapOneof(value, message);
    if (!unwrapped) return null;
    const concrete = this.schema.getType(unwrapped.type.name) ?? type;
    const msg = unwrapped.value as Obj;
    const out: Obj = {};
    if (isObjectType(concrete) || isInterfaceType(concrete)) out['__typename'] = concrete.name;
    if (!isObjectType(concrete) && !isInputObjectType(concrete) && !isInterfaceType(concrete)) return out;
    const fields = concrete.getFields() as Record<string, GraphQLField<unknown, unknown> | GraphQLInputField>;
    for (const [name, def] of Object.entries(fields)) {
      const pf = unwrapped.type.fields[this.mapping.protoField(concrete.name, name)];
      if (!pf) continue;
      out[name] = this.decodeField(def.type, msg[pf.name], pf, 'deep');
    }
    return out;
  }

  decodeEnum(type: GraphQLEnumType, value: unknown, protoEnum: protobuf.Enum): string | null {
    const protoName = typeof value === 'string' ? value : protoEnum.valuesById[Number(value ?? 0)];
    if (protoName === undefined) return null;
    const mapped = this.mapping.graphqlEnumValue(type.name, protoName);
    if (mapped !== undefined) return mapped;
    const prefix = `${enumPrefix(type.name)}_`;
    const guess = protoName.startsWith(prefix) ? protoName.slice(prefix.length) : undefined;
    return guess && type.getValue(guess) ? guess : null;
  }

  /** For a oneof message (interface/union), the member that is set; otherwise the message itself. */
  unwrapOneof(value: unknown, message: protobuf.Type): { type: protobuf.Type; value: unknown } | null {
    const oneof = message.oneofsArray[0];
    if (!oneof) return { type: message, value };
    for (const member of oneof.fieldsArray) {
      const inner = (value as Obj)[member.name];
      if (inner !== null && inner !== undefined && member.resolvedType instanceof protobuf.Type) {
        return { type: member.resolvedType, value: inner };
      }
    }
    return null;
  }

  private decodeListWrapper(
    itemType: GraphQLType,
    value: unknown,
    wrapper: protobuf.Type,
    mode: DecodeMode,
  ): unknown {
    if (value === null || value === undefined) return null;
    const list = (value as Obj)['list'] as Obj | null | undefined;
    if (list === null || list === undefined) return null;
    const itemsField = (wrapper.fields['list']!.resolvedType as protobuf.Type).fields['items']!;
    const items = Array.isArray(list['items']) ? (list['items'] as unknown[]) : [];
    const inner = isNonNullType(itemType) ? itemType.ofType : itemType;
    const nested = itemsField.resolvedType instanceof protobuf.Type && isListWrapper(itemsField.resolvedType);
    return items.map((item) => {
      if (nested) {
        return isListType(inner)
          ? this.decodeListWrapper(inner.ofType, item, itemsField.resolvedType as protobuf.Type, mode)
          : null;
      }
      return this.decodeItem(getNamedType(inner), item, itemsField, mode);
    });
  }

  private decodeItem(
    named: GraphQLNamedType,
    value: unknown,
    field: protobuf.Field,
    mode: DecodeMode,
  ): unknown {
    const rt = field.resolvedType;
    if (isEnumType(named)) return rt instanceof protobuf.Enum ? this.decodeEnum(named, value, rt) : null;
    if (isScalarType(named) || !(rt instanceof protobuf.Type)) return decodeScalar(named, value);
    if (value === null || value === undefined) return null;
    if (mode === 'deep') return this.decodeObject(named, value, rt);
    const unwrapped = this.unwrapOneof(value, rt);
    return unwrapped ? unwrapped.value : null;
  }
}

function enumPrefix(enumName: string): string {
  return enumName
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toUpperCase();
}

function encodeScalar(value: unknown, protoType: string): unknown {
  switch (protoType) {
    case 'string':
      return typeof value === 'string'
        ? value
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
    case 'bool':
      return Boolean(value);
    case 'double':
    case 'float':
      return Number(value);
    case 'int32':
    case 'sint32':
    case 'sfixed32':
    case 'uint32':
    case 'fixed32':
      return Math.trunc(Number(value));
    case 'int64':
    case 'sint64':
    case 'sfixed64':
    case 'uint64':
    case 'fixed64':
      return typeof value === 'string' ? value : Math.trunc(Number(value));
    case 'bytes':
      return typeof value === 'string' ? Buffer.from(value) : value;
    default:
      return value;
  }
}

function decodeScalar(named: GraphQLNamedType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && 'low' in (value as object) && 'high' in (value as object)) {
    return Number(String(value));
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (named.name === 'Int' || named.name === 'Float')
    return typeof value === 'number' ? value : Number(value);
  return value;
}

function defaultFor(field: protobuf.Field): unknown {
  if (field.resolvedType instanceof protobuf.Type) return {};
  if (field.resolvedType instanceof protobuf.Enum) return 0;
  switch (field.type) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'bytes':
      return new Uint8Array();
    default:
      return 0;
  }
}
