/** A Windows account as ECS `user.name` and `user.domain`. */
export interface WindowsUser {
  name: string;
  domain?: string;
}

/**
 * Splits `DOMAIN\name` (how Sysmon writes `User`) into name and domain. Windows writes `-` or nothing for "no
 * account", which gives `undefined`, so no document claims a user called `-`.
 */
export function parseWindowsUser(raw: string | undefined, domain?: string): WindowsUser | undefined {
  const text = raw?.trim();
  if (!text || text === '-') return undefined;
  const slash = text.indexOf('\\');
  if (slash === -1) {
    const given = domain?.trim();
    return given && given !== '-' ? { name: text, domain: given } : { name: text };
  }
  const name = text.slice(slash + 1);
  if (name === '') return undefined;
  return slash === 0 ? { name } : { name, domain: text.slice(0, slash) };
}
