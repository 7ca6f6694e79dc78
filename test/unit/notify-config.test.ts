import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config';
import { notifyChannel } from '../../platform/notify-config';
import { loadUsers } from '../../platform/users';
import { allRoles } from '../../processes/installed';

const problemsOf = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.join('\n');
  }
  throw new Error('the configuration was accepted');
};

const smtp = { SMTP_URL: 'smtp://bpo:secret@mail.example.com:587', SMTP_FROM: 'BPO engine <bpo@example.com>' };

describe('notification settings', () => {
  it('picks the channel from what is set, and NOTIFY_CHANNEL over that', () => {
    expect(notifyChannel(loadConfig({}))).toBe('log');
    expect(notifyChannel(loadConfig({ NOTIFY_WEBHOOK_URL: 'http://hooks.example.com/bpo' }))).toBe('webhook');
    expect(notifyChannel(loadConfig(smtp))).toBe('smtp');
    expect(
      notifyChannel(
        loadConfig({ ...smtp, NOTIFY_WEBHOOK_URL: 'http://hooks.example.com/bpo', NOTIFY_CHANNEL: 'webhook' }),
      ),
    ).toBe('webhook');
    expect(notifyChannel(loadConfig({ ...smtp, NOTIFY_CHANNEL: 'log' }))).toBe('log');
  });

  it('names the variable and the reason when settings are bad or do not fit together', () => {
    expect(problemsOf({ NOTIFY_CHANNEL: 'pigeon' })).toMatch(/^NOTIFY_CHANNEL: .*\(got "pigeon"\)/);
    expect(problemsOf({ NOTIFY_CHANNEL: 'smtp', SMTP_FROM: smtp.SMTP_FROM })).toMatch(
      /^SMTP_URL: is required when NOTIFY_CHANNEL is smtp/,
    );
    expect(problemsOf({ SMTP_URL: smtp.SMTP_URL })).toMatch(/^SMTP_FROM: is required to send mail/);
    expect(problemsOf({ NOTIFY_CHANNEL: 'webhook' })).toMatch(
      /^NOTIFY_WEBHOOK_URL: is required when NOTIFY_CHANNEL is webhook/,
    );
    expect(problemsOf({ ...smtp, NOTIFY_WEBHOOK_URL: 'http://hooks.example.com/bpo' })).toMatch(
      /^NOTIFY_CHANNEL: both SMTP_URL and NOTIFY_WEBHOOK_URL are set/,
    );
    expect(problemsOf({ ...smtp, SMTP_FROM: 'not an address' })).toMatch(/^SMTP_FROM: must be an address/);
    expect(problemsOf({ API_PUBLIC_URL: 'inbox.example.com' })).toMatch(/^API_PUBLIC_URL: must be the http\(s\) URL/);
  });

  it('refuses a non-SMTP URL without repeating the password it holds', () => {
    const problems = problemsOf({ ...smtp, SMTP_URL: 'http://bpo:secret@mail.example.com' });
    expect(problems).toMatch(/^SMTP_URL: must be a URL like smtp:\/\//);
    expect(problems).toContain('(got "http://***@mail.example.com")');
    expect(problems).not.toContain('secret');
  });

  it('reads e-mail addresses from the users file and names a bad one', async () => {
    const users = await loadUsers('config/users.yaml', allRoles());
    expect(users.find('approver')?.email).toBe('approver@example.com');
    const dir = await mkdtemp(join(tmpdir(), 'users-'));
    try {
      await writeFile(
        join(dir, 'users.yaml'),
        'users:\n  - { username: clerk, displayName: C, roles: [clerk], email: clerk-at-example, passwordHash: scrypt$x }\n',
      );
      await expect(loadUsers(join(dir, 'users.yaml'), allRoles())).rejects.toThrow(
        /users\[0\]\.email: must be an e-mail address/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('item 1: refuses a user named like a service identity, so no person signs in as the drop folder or the CLI', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'users-'));
    try {
      await writeFile(
        join(dir, 'users.yaml'),
        'users:\n  - { username: svc-drop-folder, displayName: S, roles: [approver], passwordHash: scrypt$x }\n',
      );
      await expect(loadUsers(join(dir, 'users.yaml'), allRoles())).rejects.toThrow(
        /users\[0\]\.username: must not start with svc-/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
