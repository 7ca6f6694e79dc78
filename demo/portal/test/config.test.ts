import { describe, expect, it } from 'vitest';
import { Chaos, DEFAULT_CHAOS } from '../chaos';
import { loadPortalConfig } from '../config';

describe('portal configuration', () => {
  it('has working defaults', () => {
    const result = loadPortalConfig({});
    expect(result).toEqual({
      ok: true,
      config: {
        port: 3100,
        host: '127.0.0.1',
        dataDir: '.data/portal',
        adminToken: null,
        logLevel: 'warn',
        seed: 'default',
        chaos: { latency: { minMs: 0, maxMs: 0 }, errorRate: 0, sessionTtlSeconds: 28800, layout: 'v1', seed: null },
      },
    });
  });

  it('has no admin token unless one is configured, and refuses a short one', () => {
    const token = 'a'.repeat(32);
    const configured = loadPortalConfig({ PORTAL_ADMIN_TOKEN: token });
    expect(configured.ok && configured.config.adminToken).toBe(token);
    const short = loadPortalConfig({ PORTAL_ADMIN_TOKEN: 'portal-admin' });
    expect(short).toEqual({
      ok: false,
      problems: ['PORTAL_ADMIN_TOKEN: must be at least 32 characters (got "portal-admin")'],
    });
  });

  it('reads chaos settings from the environment', () => {
    const result = loadPortalConfig({
      PORTAL_PORT: '0',
      PORTAL_CHAOS_LATENCY_MS: '100-250',
      PORTAL_CHAOS_ERROR_RATE: '0.1',
      PORTAL_SESSION_TTL_SECONDS: '60',
      PORTAL_LAYOUT: 'v2',
      PORTAL_CHAOS_SEED: '42',
      PORTAL_LOG_LEVEL: '', // empty = unset
    });
    expect(result.ok && result.config).toMatchObject({
      port: 0,
      logLevel: 'warn',
      chaos: { latency: { minMs: 100, maxMs: 250 }, errorRate: 0.1, sessionTtlSeconds: 60, layout: 'v2', seed: 42 },
    });
  });

  it('lists every bad variable at once, with its value', () => {
    const result = loadPortalConfig({
      PORTAL_PORT: 'eighty',
      PORTAL_CHAOS_ERROR_RATE: '1.5',
      PORTAL_CHAOS_LATENCY_MS: '500-100',
      PORTAL_LAYOUT: 'v9',
      PORTAL_ADMIN_TOKEN: 'short',
      UNRELATED: 'ignored',
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(5);
    for (const name of [
      'PORTAL_PORT',
      'PORTAL_CHAOS_ERROR_RATE',
      'PORTAL_CHAOS_LATENCY_MS',
      'PORTAL_LAYOUT',
      'PORTAL_ADMIN_TOKEN',
    ]) {
      expect(
        problems.some((p) => p.startsWith(`${name}:`)),
        name,
      ).toBe(true);
    }
    expect(problems.find((p) => p.startsWith('PORTAL_PORT'))).toContain('(got "eighty")');
  });
});

describe('portal chaos decisions', () => {
  it('repeats the same failures for the same seed', () => {
    const draw = () => {
      const chaos = new Chaos({ ...DEFAULT_CHAOS, errorRate: 0.3, latency: { minMs: 5, maxMs: 50 }, seed: 99 });
      return Array.from({ length: 50 }, () => chaos.decide());
    };
    const a = draw();
    expect(draw()).toEqual(a);
    expect(a.filter((d) => d.fail).length).toBeGreaterThan(5);
    expect(a.every((d) => d.delayMs >= 5 && d.delayMs <= 50)).toBe(true);
  });

  it('expires sessions created before "expire now" only', () => {
    let now = 1_000;
    const chaos = new Chaos(DEFAULT_CHAOS, () => now);
    chaos.expireSessionsNow();
    expect(chaos.sessionsValidAfter).toBe(1_001);
    now = 2_000;
    expect(chaos.sessionsValidAfter).toBeLessThan(now);
  });
});
