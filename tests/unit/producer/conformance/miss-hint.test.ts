import { describe, expect, it } from 'vitest';
import { explainMiss, requiredClauses } from '../../../../src/producer/conformance/miss-hint.js';
import type { Query } from '../../../../src/producer/sigma/query-dsl.js';

const code: Query = { term: { 'event.code': { value: '1' } } };
const image: Query = { wildcard: { 'process.executable': { value: '*\\x.exe', case_insensitive: true } } };
const cli: Query = { wildcard: { 'process.command_line': { value: '*-a*', case_insensitive: true } } };
const parent: Query = { wildcard: { 'process.parent.executable': { value: '*\\explorer.exe', case_insensitive: true } } };

/** A stand-in for Elasticsearch: the queries that find the sample's event, and every query asked. */
function fakeCount(matching: readonly Query[]) {
  const asked: Query[] = [];
  const count = async (query: Query): Promise<number> => {
    asked.push(query);
    return matching.includes(query) ? 1 : 0;
  };
  return { count, asked };
}

describe('requiredClauses', () => {
  it('names each filter and must_not clause, and a should list as one part', () => {
    const query: Query = { bool: { filter: [code, image], must_not: [parent] } };
    expect(requiredClauses(query)).toEqual([
      { path: 'filter[0]', query: code, mustMatch: true },
      { path: 'filter[1]', query: image, mustMatch: true },
      { path: 'must_not[0]', query: parent, mustMatch: false },
    ]);
    expect(requiredClauses({ bool: { should: [image, cli], minimum_should_match: 1 } })).toEqual([
      { path: 'should', query: { bool: { should: [image, cli], minimum_should_match: 1 } }, mustMatch: true },
    ]);
    expect(requiredClauses(code)).toEqual([]);
  });
});

describe('explainMiss', () => {
  it('names the exclusion that removed the sample', async () => {
    const { count } = fakeCount([code, image, parent]);
    const hint = await explainMiss({ bool: { filter: [code, image], must_not: [parent] } }, count);
    expect(hint).toBe(`must_not[0] excluded it: ${JSON.stringify(parent)}`);
  });

  it('descends into the one failing nested clause to the value that did not match', async () => {
    const { count } = fakeCount([code, image]);
    const hint = await explainMiss({ bool: { filter: [code, { bool: { filter: [image, cli] } }] } }, count);
    expect(hint).toBe(`filter[1] > filter[1] matched nothing: ${JSON.stringify(cli)}`);
  });

  it('says that no alternative matched without asking about each of them', async () => {
    const { count, asked } = fakeCount([code]);
    const hint = await explainMiss({ bool: { filter: [code, { bool: { should: [image, cli], minimum_should_match: 1 } }] } }, count);
    expect(hint).toMatch(/^filter\[1\] > none of 2 alternatives matched, e\.g\. /);
    expect(asked).toHaveLength(2);
  });

  it('lists every failing clause when several fail', async () => {
    const { count } = fakeCount([]);
    const hint = await explainMiss({ bool: { filter: [code, image] } }, count);
    expect(hint.split('; ').map((part) => part.split(':')[0])).toEqual(['filter[0] matched nothing', 'filter[1] matched nothing']);
  });
});
