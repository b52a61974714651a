import { z } from 'zod';

export const GeoRecordSchema = z.object({
  country: z.string(),
  region: z.string().optional(),
  city: z.string().optional(),
  timezone: z.string().optional(),
  source: z.string(),
  attribution: z.string(),
});
export type GeoRecord = z.infer<typeof GeoRecordSchema>;

export interface GeoLookup {
  lookup(ip: string): Promise<GeoRecord | undefined>;
}

const GeoipLiteAnswerSchema = z.object({
  country: z.string(),
  region: z.string().optional(),
  city: z.string().optional(),
  timezone: z.string().optional(),
});

/**
 * Country, region and city from the GeoLite2 data that the `geoip-lite` package ships (licensed CC BY-SA 4.0 by
 * MaxMind; the attribution travels with every answer). The package reads about 150 MB into memory when first
 * imported, so it is imported on the first lookup of a public address, not when the server starts.
 */
export function createGeoipLiteLookup(): GeoLookup {
  let loading: Promise<(ip: string) => unknown> | undefined;
  return {
    async lookup(ip) {
      loading ??= import('geoip-lite').then((module) => (address: string): unknown => module.default.lookup(address));
      const answer = GeoipLiteAnswerSchema.safeParse((await loading)(ip));
      if (!answer.success || answer.data.country === '') return undefined;
      const { country, region, city, timezone } = answer.data;
      return {
        country,
        ...(region ? { region } : {}),
        ...(city ? { city } : {}),
        ...(timezone ? { timezone } : {}),
        source: 'geoip-lite (GeoLite2)',
        attribution: 'GeoLite2 data created by MaxMind, https://www.maxmind.com (CC BY-SA 4.0)',
      };
    },
  };
}
