/** API_TRUST_PROXY as Fastify takes it: whose X-Forwarded-For decides `request.ip` (login limits per address). */
export function trustedProxies(setting: string | undefined): boolean | string[] {
  if (!setting) return false;
  if (setting === 'true') return true;
  return setting.split(',').map((s) => s.trim());
}
