import type { TelemetryBase } from '../ecs-common.js';

/**
 * ECS `related.*`: every address and user a document mentions, in one field each, so one query finds the
 * document whatever role the address or user played in it. Absent when there is nothing to relate.
 */
export function relatedFields(ips: readonly (string | undefined)[], users: readonly (string | undefined)[]): TelemetryBase['related'] {
  const ip = unique(ips);
  const user = unique(users);
  if (ip.length === 0 && user.length === 0) return undefined;
  return { ...(ip.length > 0 ? { ip } : {}), ...(user.length > 0 ? { user } : {}) };
}

function unique(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined && value !== ''))];
}
