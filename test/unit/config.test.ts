import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, temporalAddress } from '../../platform/config';

describe('configuration from the environment', () => {
  it('has working defaults for a fresh machine', () => {
    const config = loadConfig({});
    expect(config.TEMPORAL_NAMESPACE).toBe('bpo');
    expect(temporalAddress(config)).toBe('127.0.0.1:7233');
    expect(config.TEMPORAL_UI_PORT).toBe(8233);
  });

  it('uses TEMPORAL_ADDRESS when set', () => {
    expect(temporalAddress(loadConfig({ TEMPORAL_ADDRESS: 'temporal.internal:7233' }))).toBe('temporal.internal:7233');
  });

  it('lists every bad variable with its value, not only the first', () => {
    try {
      loadConfig({ TEMPORAL_DEV_PORT: 'seventy', LOG_LEVEL: 'loud', TEMPORAL_TLS: 'maybe' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toContain('TEMPORAL_DEV_PORT');
      expect(problems).toContain('(got "seventy")');
      expect(problems).toContain('LOG_LEVEL');
      expect(problems).toContain('TEMPORAL_TLS');
    }
  });

  it('refuses half an mTLS pair', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT: 'client.pem' })).toThrow(/TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY/);
  });
});
