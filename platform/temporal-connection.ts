import { readFile } from 'node:fs/promises';
import { Client, Connection, type TLSConfig } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Config } from './config';

type TemporalTarget = Pick<
  Config,
  | 'TEMPORAL_NAMESPACE'
  | 'TEMPORAL_API_KEY'
  | 'TEMPORAL_TLS'
  | 'TEMPORAL_TLS_CERT'
  | 'TEMPORAL_TLS_KEY'
  | 'TEMPORAL_TLS_CA'
  | 'TEMPORAL_TLS_SERVER_NAME'
> & { address: string };

/** TLS settings from config: plain TLS, mTLS with a client pair, or none. API keys imply TLS. */
async function tlsFrom(target: TemporalTarget): Promise<TLSConfig | undefined> {
  const wantsTls = target.TEMPORAL_TLS || target.TEMPORAL_API_KEY || target.TEMPORAL_TLS_CERT;
  if (!wantsTls) return undefined;
  return {
    serverNameOverride: target.TEMPORAL_TLS_SERVER_NAME,
    serverRootCACertificate: target.TEMPORAL_TLS_CA ? await readFile(target.TEMPORAL_TLS_CA) : undefined,
    clientCertPair:
      target.TEMPORAL_TLS_CERT && target.TEMPORAL_TLS_KEY
        ? { crt: await readFile(target.TEMPORAL_TLS_CERT), key: await readFile(target.TEMPORAL_TLS_KEY) }
        : undefined,
  };
}

export async function connectClient(target: TemporalTarget): Promise<Client> {
  const connection = await Connection.connect({
    address: target.address,
    tls: await tlsFrom(target),
    apiKey: target.TEMPORAL_API_KEY,
  });
  return new Client({ connection, namespace: target.TEMPORAL_NAMESPACE });
}

export async function connectWorker(target: TemporalTarget): Promise<NativeConnection> {
  return NativeConnection.connect({
    address: target.address,
    tls: await tlsFrom(target),
    apiKey: target.TEMPORAL_API_KEY,
  });
}
