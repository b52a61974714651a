import { Queue, QueueEvents, Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchElasticsearchHealth } from '../../../src/store/es-client.js';
import { fetchRedisHealth } from '../../../src/store/redis-connection.js';
import { isolate } from '../../support/isolation.js';

const iso = isolate();
afterAll(() => iso.cleanup());

describe('the real servers', () => {
  it('reaches Elasticsearch and reads its version from GET /', async () => {
    const info = await iso.es.info();
    console.log(`Elasticsearch GET / answered: ${info.name} ${info.version.number} (lucene ${info.version.lucene_version})`);
    expect(info.version.number).toMatch(/^8\.\d+\.\d+$/);
    const health = await fetchElasticsearchHealth(iso.es, iso.config.elasticsearch.url);
    expect(['green', 'yellow']).toContain(health.status);
  });

  it('reaches Redis', async () => {
    const health = await fetchRedisHealth(iso.config.redis.url);
    console.log(`Redis answered: version ${health.version}`);
    expect(health.version).toMatch(/^\d+\.\d+/);
  });

  it('writes a document to Elasticsearch and reads it back', async () => {
    const index = `${iso.config.prefix}-roundtrip`;
    await iso.es.index({ index, id: 'doc-1', document: { message: 'hello', '@timestamp': '2026-01-01T00:00:00Z' }, refresh: 'wait_for' });
    const doc = await iso.es.get<{ message: string }>({ index, id: 'doc-1' });
    expect(doc._source?.message).toBe('hello');
    const found = await iso.es.search({ index, query: { term: { 'message.keyword': 'hello' } } });
    expect(found.hits.hits.map((hit) => hit._id)).toEqual(['doc-1']);
  });

  it('creates a data stream from an index template and deletes it again', async () => {
    const name = `logs-roundtrip-${iso.config.namespace}`;
    await iso.es.indices.putIndexTemplate({
      name: `${iso.config.prefix}-roundtrip`,
      index_patterns: [`logs-roundtrip-${iso.config.namespace}`],
      data_stream: {},
      template: { settings: { number_of_replicas: 0 }, mappings: { properties: { 'source.ip': { type: 'ip' } } } },
    });
    await iso.es.index({ index: name, op_type: 'create', document: { '@timestamp': '2026-01-01T00:00:00Z', source: { ip: '10.1.2.3' } }, refresh: 'wait_for' });
    const inCidr = await iso.es.count({ index: name, query: { term: { 'source.ip': '10.0.0.0/8' } } });
    expect(inCidr.count).toBe(1);
    const streams = await iso.es.indices.getDataStream({ name });
    expect(streams.data_streams.map((stream) => stream.name)).toEqual([name]);
    await iso.es.indices.deleteDataStream({ name });
    await expect(iso.es.indices.getDataStream({ name })).rejects.toMatchObject({ meta: { statusCode: 404 } });
  });

  it('round-trips a BullMQ job through Redis', async () => {
    const name = 'roundtrip';
    iso.queueNames.add(name);
    const connection = { url: iso.config.redis.url };
    const queue = new Queue(name, { connection, prefix: iso.config.queuePrefix });
    const events = new QueueEvents(name, { connection, prefix: iso.config.queuePrefix });
    const worker = new Worker(name, async (job) => ({ echoed: (job.data as { text: string }).text.toUpperCase() }), {
      connection,
      prefix: iso.config.queuePrefix,
    });
    try {
      await events.waitUntilReady();
      const job = await queue.add('echo', { text: 'ping' }, { jobId: 'roundtrip-1' });
      expect(await job.waitUntilFinished(events, 10_000)).toEqual({ echoed: 'PING' });
      const duplicate = await queue.add('echo', { text: 'again' }, { jobId: 'roundtrip-1' });
      expect(duplicate.id).toBe('roundtrip-1');
      expect(await queue.getJobCounts('completed', 'waiting')).toEqual({ completed: 1, waiting: 0 });
    } finally {
      await worker.close();
      await events.close();
      await queue.close();
    }
  });
});
