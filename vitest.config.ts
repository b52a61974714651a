import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts'],
          sequence: { groupOrder: 1 },
          // Real servers: a cold Elasticsearch index or a BullMQ round trip takes longer than the 5 s default.
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Files share one Elasticsearch node and one Redis; isolation is by prefix, parallelism by file is kept modest for 2 cores.
          maxWorkers: 2,
        },
      },
    ],
  },
});
