import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import type { UnaryTransport } from './call.ts';

/**
 * grpc.health.v1.Health, which go-plugin requires: the host checks service "plugin"
 * until it answers SERVING. Defined inline so neither side needs the .proto file.
 */
const healthProto = `
syntax = "proto3";
package grpc.health.v1;
message HealthCheckRequest { string service = 1; }
message HealthCheckResponse {
  enum ServingStatus { UNKNOWN = 0; SERVING = 1; NOT_SERVING = 2; SERVICE_UNKNOWN = 3; }
  ServingStatus status = 1;
}
service Health {
  rpc Check(HealthCheckRequest) returns (HealthCheckResponse);
  rpc Watch(HealthCheckRequest) returns (stream HealthCheckResponse);
}
`;

const root = protobuf.parse(healthProto, { keepCase: true }).root;
const requestType = root.lookupType('grpc.health.v1.HealthCheckRequest');
const responseType = root.lookupType('grpc.health.v1.HealthCheckResponse');
const statusEnum = root.lookupEnum('grpc.health.v1.HealthCheckResponse.ServingStatus');

export type ServingStatus = 'UNKNOWN' | 'SERVING' | 'NOT_SERVING' | 'SERVICE_UNKNOWN';
export const PLUGIN_HEALTH_SERVICE = 'plugin';
const CHECK_PATH = '/grpc.health.v1.Health/Check';
const WATCH_PATH = '/grpc.health.v1.Health/Watch';

/**
 * The host's check of a service's health, over the call transport it then keeps for calls
 * (one connection per start, with no grpc-js channel set up only for the check).
 */
export async function checkHealthOver(
  transport: UnaryTransport,
  service: string,
  deadlineMs: number,
): Promise<ServingStatus> {
  const request = requestType.encode({ service }).finish();
  const response = responseType.decode(await transport.call(CHECK_PATH, request, { deadlineMs }));
  const value = (response as unknown as { status?: number }).status ?? 0;
  return (statusEnum.valuesById[value] ?? 'UNKNOWN') as ServingStatus;
}

/** The server side: a status per service name, "" meaning the whole server. */
export class HealthService {
  private readonly statuses = new Map<string, ServingStatus>();

  set(service: string, status: ServingStatus): void {
    this.statuses.set(service, status);
  }

  addTo(server: grpc.Server): void {
    const encode = (status: ServingStatus) =>
      Buffer.from(responseType.encode({ status: statusEnum.values[status] ?? 0 }).finish());
    const decode = (buffer: Buffer) =>
      requestType.toObject(requestType.decode(buffer)) as { service?: string };
    const definition: grpc.ServiceDefinition = {
      Check: {
        path: CHECK_PATH,
        requestStream: false,
        responseStream: false,
        requestSerialize: (v: { service?: string }) => Buffer.from(requestType.encode(v).finish()),
        requestDeserialize: decode,
        responseSerialize: encode,
        responseDeserialize: (b: Buffer) => b,
      },
      Watch: {
        path: WATCH_PATH,
        requestStream: false,
        responseStream: true,
        requestSerialize: (v: { service?: string }) => Buffer.from(requestType.encode(v).finish()),
        requestDeserialize: decode,
        responseSerialize: encode,
        responseDeserialize: (b: Buffer) => b,
      },
    };
    server.addService(definition, {
      Check: (
        call: grpc.ServerUnaryCall<{ service?: string }, ServingStatus>,
        callback: grpc.sendUnaryData<ServingStatus>,
      ) => {
        const status = this.statuses.get(call.request.service ?? '');
        if (!status) callback({ code: grpc.status.NOT_FOUND, details: 'unknown service' });
        else callback(null, status);
      },
      // Sends the current status once and keeps the stream open, as the spec allows.
      Watch: (call: grpc.ServerWritableStream<{ service?: string }, ServingStatus>) => {
        call.write(this.statuses.get(call.request.service ?? '') ?? 'SERVICE_UNKNOWN');
      },
    });
  }
}
