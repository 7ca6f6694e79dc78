import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(__dirname, '../..');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  healthcheck?: { test: unknown };
  restart?: string;
}

const compose = parse(readFileSync(resolve(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;

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
});
