import type { Query } from '../sigma/query-dsl.js';

/**
 * One part of a `bool` query that a matching document must satisfy on its own: each `filter`/`must` clause must
 * match it, each `must_not` clause must not, and a `should` list counts as one part (at least
 * `minimum_should_match` of it).
 */
export type RequiredClause = { readonly path: string; readonly query: Query; readonly mustMatch: boolean };

const asList = (clauses: Query | Query[] | undefined): Query[] => (clauses === undefined ? [] : Array.isArray(clauses) ? clauses : [clauses]);

/** The required parts of a `bool` query, named by their place in it; none for any other query. */
export function requiredClauses(query: Query): RequiredClause[] {
  const bool = query.bool;
  if (bool === undefined) return [];
  const listed = (key: 'filter' | 'must' | 'must_not') =>
    asList(bool[key]).map((clause, i) => ({ path: `${key}[${i}]`, query: clause, mustMatch: key !== 'must_not' }));
  const should = asList(bool.should);
  const hasRequired = bool.filter !== undefined || bool.must !== undefined;
  // Elasticsearch's default: a should list beside filter/must clauses is optional, alone it needs one match.
  const minimum = Number(bool.minimum_should_match ?? (hasRequired ? 0 : 1));
  const shouldPart =
    should.length > 0 && minimum > 0 ? [{ path: 'should', query: { bool: { should, minimum_should_match: minimum } }, mustMatch: true }] : [];
  return [...listed('filter'), ...listed('must'), ...listed('must_not'), ...shouldPart];
}

const MAX_DEPTH = 4;
const QUERY_TEXT_LENGTH = 200;

function describeQuery(query: Query): string {
  const text = JSON.stringify(query);
  return text.length > QUERY_TEXT_LENGTH ? `${text.slice(0, QUERY_TEXT_LENGTH)}…` : text;
}

/**
 * Why a query found none of a sample's events, for a person to read: the required parts of the query that fail on
 * their own (a clause that matches nothing, or an exclusion that matches), descending while exactly one part fails
 * and it is itself a `bool`. `count` runs a query against the sample's events alone; a few requests per miss.
 */
export async function explainMiss(query: Query, count: (query: Query) => Promise<number>, depth = 0): Promise<string> {
  const clauses = requiredClauses(query);
  if (clauses.length === 0) return `matched nothing: ${describeQuery(query)}`;
  if (clauses.length === 1 && clauses[0]?.path === 'should') {
    const alternatives = asList(query.bool?.should);
    const minimum = Number(query.bool?.minimum_should_match ?? 1);
    const needed = minimum === 1 ? 'none' : `fewer than ${minimum}`;
    return `${needed} of ${alternatives.length} alternatives matched, e.g. ${describeQuery(alternatives[0] ?? {})}`;
  }
  const failing: RequiredClause[] = [];
  for (const clause of clauses) {
    const hits = await count(clause.query);
    if (clause.mustMatch ? hits === 0 : hits > 0) failing.push(clause);
  }
  const [only] = failing;
  if (only === undefined) return 'every clause matches on its own, but no event satisfies them together';
  if (failing.length === 1 && only.mustMatch && only.query.bool !== undefined && depth < MAX_DEPTH) {
    return `${only.path} > ${await explainMiss(only.query, count, depth + 1)}`;
  }
  return failing.map((clause) => `${clause.path} ${clause.mustMatch ? 'matched nothing' : 'excluded it'}: ${describeQuery(clause.query)}`).join('; ');
}
