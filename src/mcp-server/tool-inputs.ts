import { z } from 'zod';
import { parseIpRange } from './intel/ip-address.js';

/** Pieces shared by the tools' input schemas, so every tool refuses the same bad input the same way. */
export const AlertIdSchema = z.string().regex(/^al-[A-Za-z0-9_-]{8,40}$/, { message: 'expected an alert id such as al-3f9c2a1b7d' });

export const EntityKindSchema = z.enum(['user', 'host', 'ip', 'cloud_principal']);
export type EntityKind = z.infer<typeof EntityKindSchema>;

/** A name as logs write it: no control characters, bounded. */
export const EntityNameSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^\P{Cc}+$/u, { message: 'expected a name without control characters' });

export const IpSchema = z.union([z.ipv4(), z.ipv6()], { message: 'expected an IPv4 or IPv6 address' });

export const IpOrCidrSchema = z.string().refine((value) => parseIpRange(value) !== undefined && (!value.includes('/') || /\/\d{1,3}$/.test(value)), {
  message: 'expected an IPv4 or IPv6 address, or a CIDR range such as 10.20.0.0/24',
});

export const IsoTimeSchema = z.iso.datetime({ offset: true, message: 'expected an ISO 8601 time such as 2026-11-18T10:00:00Z' });

/** An entity reference checked as a whole: an ip entity must hold an address. */
export const EntitySchema = z
  .object({ kind: EntityKindSchema, value: EntityNameSchema })
  .refine((entity) => entity.kind !== 'ip' || IpOrCidrSchema.safeParse(entity.value).success, {
    message: 'expected an IPv4 or IPv6 address, or a CIDR range, for an ip entity',
    path: ['value'],
  });
export type Entity = z.infer<typeof EntitySchema>;
