/**
 * go-plugin's handshake: the first line a plugin prints on stdout,
 * CORE-PROTOCOL-VERSION|APP-PROTOCOL-VERSION|NETWORK-TYPE|NETWORK-ADDR|PROTOCOL,
 * for example `1|1|unix|/tmp/plugin123|grpc`. A sixth part (a TLS certificate for
 * AutoMTLS) is ignored: plugins here are reached over a local socket.
 */
export interface Handshake {
  coreVersion: number;
  appVersion: number;
  network: 'unix' | 'tcp';
  address: string;
  protocol: 'grpc';
}

export class HandshakeError extends Error {
  override name = 'HandshakeError';
}

export function parseHandshake(line: string, appVersions: readonly number[] = [1]): Handshake {
  const parts = line.trim().split('|');
  if (parts.length < 4) {
    throw new HandshakeError(`not a go-plugin handshake line (expected "1|1|unix|/path/to.sock|grpc")`);
  }
  const [core, app, network, address, protocol = 'netrpc'] = parts as [
    string,
    string,
    string,
    string,
    string?,
  ];
  if (core !== '1')
    throw new HandshakeError(`unsupported go-plugin core protocol version "${core}" (expected 1)`);
  const appVersion = Number(app);
  if (!Number.isInteger(appVersion) || !appVersions.includes(appVersion)) {
    throw new HandshakeError(
      `unsupported plugin protocol version "${app}" (expected ${appVersions.join(' or ')})`,
    );
  }
  if (network !== 'unix' && network !== 'tcp') {
    throw new HandshakeError(`unsupported network type "${network}" (expected unix or tcp)`);
  }
  if (!address) throw new HandshakeError('the handshake has an empty address');
  if (protocol !== 'grpc')
    throw new HandshakeError(`unsupported plugin protocol "${protocol}" (only grpc is supported)`);
  return { coreVersion: 1, appVersion, network, address, protocol: 'grpc' };
}

export function formatHandshake(network: 'unix' | 'tcp', address: string, appVersion = 1): string {
  return `1|${appVersion}|${network}|${address}|grpc`;
}
