import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(__dirname, '../..');

type PortSpec = string | number | { host_ip?: string; published?: string | number; target?: number };
type VolumeSpec = string | { type?: string; source?: string; target?: string; read_only?: boolean };

interface Service {
  image?: string;
  ports?: PortSpec[];
  volumes?: VolumeSpec[];
  environment?: Record<string, unknown>;
  build?: string | { context?: string; dockerfile?: string };
  command?: string[];
  healthcheck?: { test: unknown };
  restart?: string;
}

const compose = parse(readFileSync(resolve(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;

/** The host interface a published port listens on: compose's default is every interface. */
function hostInterfaceOf(port: PortSpec): string {
  if (typeof port === 'object') return port.host_ip ?? '0.0.0.0';
  const parts = String(port).split(':');
  return parts.length === 3 ? (parts[0] ?? '') : '0.0.0.0';
}

/** Services built from the engine's Dockerfile: they run with NODE_ENV=production. */
const engineServices = () => Object.entries(services).filter(([, service]) => dockerfileOf(service) === 'Dockerfile');

/** The Dockerfile a service is built from, relative to the repository; undefined for a pulled image. */
function dockerfileOf(service: Service): string | undefined {
  if (service.build === undefined) return undefined;
  if (typeof service.build === 'string') return join(service.build, 'Dockerfile');
  return join(service.build.context ?? '.', service.build.dockerfile ?? 'Dockerfile');
}

/** A .dockerignore's patterns, without comments and trailing slashes. */
function ignorePatterns(file: string): string[] {
  return readFileSync(resolve(root, file), 'utf8')
    .split('\n')
    .map((line) => line.trim().replace(/\/+$/, ''))
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Service names the README's production section promises, written as `name` in its table. */
function servicesNamedInReadme(): string[] {
  const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Production'));
  if (!section) throw new Error('README.md has no "## Production" section');
  return [...section.matchAll(/^\| `([a-z0-9-]+)` +\|/gm)].map((m) => m[1] as string);
}

describe('docker-compose.yml', () => {
  it('parses and holds Temporal on PostgreSQL, its UI, the workers and the API', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgresql', 'temporal', 'temporal-ui', 'worker-main', 'worker-bots', 'api']),
    );
    expect(services.temporal?.image).toMatch(/^temporalio\/auto-setup:/);
  });

  it('holds every service the README mentions', () => {
    const named = servicesNamedInReadme();
    expect(named.length).toBeGreaterThan(3);
    for (const name of named) expect(services, `README names ${name}`).toHaveProperty(name);
  });

  it('pins every image to a version', () => {
    for (const [name, service] of Object.entries(services)) {
      expect(service.image, `${name} has an image`).toBeDefined();
      expect(service.image, `${name} pins its image`).toMatch(/:\d[\w.-]*$/);
    }
  });

  it('gives every long-running service a health check', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.restart === 'no') continue;
      expect(service.healthcheck?.test, `${name} has a health check`).toBeDefined();
    }
  });

  it('starts only entry files that exist in the repository', () => {
    for (const [name, service] of Object.entries(services)) {
      const entry = service.command?.find((part) => part.endsWith('.ts'));
      if (entry) expect(existsSync(resolve(root, entry)), `${name} runs ${entry}`).toBe(true);
    }
  });

  it('builds the engine image without the demo portal, which has an image of its own', () => {
    // The engine image: the root Dockerfile copies the build context, and .dockerignore leaves demo/ out of it.
    expect(ignorePatterns('.dockerignore')).toContain('demo');
    const engine = readFileSync(resolve(root, 'Dockerfile'), 'utf8');
    const copies = engine.split('\n').filter((line) => /^\s*(COPY|ADD)\b/i.test(line));
    expect(copies.filter((line) => /\bdemo\b/.test(line))).toEqual([]);
    for (const [name, service] of Object.entries(services)) {
      if (dockerfileOf(service) !== 'Dockerfile') continue;
      expect(service.image, `${name} runs the engine image`).toMatch(/^bpo-engine:/);
      expect(service.command?.join(' ') ?? '', `${name} runs no demo code`).not.toMatch(/\bdemo\//);
    }

    // The portal: its own Dockerfile, with an ignore file of its own (the root one would leave the portal out).
    const portal = services.portal;
    expect(portal?.image).not.toMatch(/^bpo-engine:/);
    expect(dockerfileOf(portal ?? {})).toBe('demo/portal/Dockerfile');
    expect(existsSync(resolve(root, 'demo/portal/Dockerfile'))).toBe(true);
    expect(ignorePatterns('demo/portal/Dockerfile.dockerignore')).toContain('!demo/portal');
    const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(readFileSync(resolve(root, 'demo/portal/Dockerfile'), 'utf8'))?.[1];
    const entry = (JSON.parse(cmd ?? '[]') as string[]).find((part) => part.endsWith('.ts'));
    expect(entry).toBe('demo/portal/main.ts');
    expect(existsSync(resolve(root, entry ?? ''))).toBe(true);
  });

  it('item 7: publishes no Temporal port on the host; the UI and the demo portal only on loopback', () => {
    expect(services.temporal?.ports ?? [], 'the Temporal frontend is not published').toEqual([]);
    for (const [name, service] of Object.entries(services)) {
      if (name === 'api') continue;
      for (const port of service.ports ?? [])
        expect(hostInterfaceOf(port), `${name} publishes ${JSON.stringify(port)} on loopback only`).toBe('127.0.0.1');
    }
  });

  it('item 3: gives SESSION_SECRET and PII_VAULT_KEY no published default (compose stops without them)', () => {
    const engines = engineServices();
    expect(engines.length).toBeGreaterThan(3);
    for (const [name, service] of engines) {
      const env = service.environment ?? {};
      for (const variable of ['SESSION_SECRET', 'PII_VAULT_KEY'])
        expect(String(env[variable]), `${name} requires ${variable}`).toMatch(
          new RegExp(`^\\$\\{${variable}:\\?[^}]+\\}$`),
        );
    }
    const text = readFileSync(resolve(root, 'docker-compose.yml'), 'utf8');
    expect(text).not.toContain('dev-only-session-secret');
  });

  it('item 3: ships no users file in the image; every engine service mounts one of its own', () => {
    expect(ignorePatterns('.dockerignore')).toContain('config/users.yaml');
    const dockerfile = readFileSync(resolve(root, 'Dockerfile'), 'utf8');
    const copies = dockerfile.split('\n').filter((line) => /^\s*(COPY|ADD)\b/i.test(line));
    expect(copies.filter((line) => /users\.ya?ml/.test(line))).toEqual([]);
    const imageUsersFile = /^ENV .*\bUSERS_FILE=(\S+)/m.exec(dockerfile)?.[1];
    expect(imageUsersFile).toBeDefined();
    expect(imageUsersFile).not.toBe('config/users.yaml');
    for (const [name, service] of engineServices()) {
      const usersFile = String(service.environment?.USERS_FILE ?? imageUsersFile);
      expect(usersFile, `${name} reads a mounted users file`).not.toMatch(/config\/users\.yaml$/);
      const mount = (service.volumes ?? []).find((v) => typeof v === 'object' && v.target === usersFile);
      expect(mount, `${name} mounts ${usersFile}`).toMatchObject({ type: 'bind', read_only: true });
      expect(typeof mount === 'object' ? mount.source : '', `${name}'s users file has no default`).toMatch(
        /^\$\{BPO_USERS_FILE:\?[^}]+\}$/,
      );
    }
  });
});
