import type { estypes } from '@elastic/elasticsearch';

/**
 * Small builders for the Query DSL the compiler emits. They keep the output flat (an AND of ANDs is one `bool`,
 * single-clause groups disappear) and merge exact `term`s on one field into `terms`, so compiled rules stay
 * readable in golden tests and cheap for Elasticsearch. Every builder preserves meaning.
 */
export type Query = estypes.QueryDslQueryContainer;

const onlyKeys = (object: object, allowed: readonly string[]) => Object.keys(object).every((key) => allowed.includes(key));

type TermValue = string | number | boolean;

/** The exact-match `term`s built here, so `or` can merge them into `terms` without picking queries apart. */
const exactTerms = new WeakMap<Query, { readonly field: string; readonly value: TermValue }>();

export function term(field: string, value: TermValue, caseInsensitive = false): Query {
  const query: Query = { term: { [field]: caseInsensitive ? { value, case_insensitive: true } : { value } } };
  if (!caseInsensitive) exactTerms.set(query, { field, value });
  return query;
}

export function wildcard(field: string, value: string, caseInsensitive: boolean): Query {
  return { wildcard: { [field]: caseInsensitive ? { value, case_insensitive: true } : { value } } };
}

export function regexp(field: string, value: string, caseInsensitive: boolean): Query {
  return { regexp: { [field]: caseInsensitive ? { value, case_insensitive: true } : { value } } };
}

export const exists = (field: string): Query => ({ exists: { field } });

export function range(field: string, op: 'lt' | 'lte' | 'gt' | 'gte', value: number): Query {
  return { range: { [field]: { [op]: value } } };
}

const asList = (clauses: Query | Query[] | undefined): Query[] => (clauses === undefined ? [] : Array.isArray(clauses) ? clauses : [clauses]);

/** The clauses of a `bool` that holds nothing but `key` (and, for should, `minimum_should_match: 1`). */
function soleClauses(query: Query, key: 'should' | 'must_not'): Query[] | undefined {
  const bool = query.bool;
  if (bool === undefined || !onlyKeys(query, ['bool'])) return undefined;
  const allowed = key === 'should' ? ['should', 'minimum_should_match'] : [key];
  if (!onlyKeys(bool, allowed)) return undefined;
  if (key === 'should' && bool.minimum_should_match !== 1) return undefined;
  const clauses = bool[key];
  return clauses === undefined ? undefined : asList(clauses);
}

export function and(queries: readonly Query[]): Query {
  const filter: Query[] = [];
  const mustNot: Query[] = [];
  for (const query of queries) {
    const bool = query.bool;
    if (bool !== undefined && onlyKeys(query, ['bool']) && onlyKeys(bool, ['filter', 'must_not'])) {
      filter.push(...asList(bool.filter));
      mustNot.push(...asList(bool.must_not));
    } else {
      filter.push(query);
    }
  }
  const [only] = filter;
  if (filter.length === 0 && mustNot.length === 0) return { match_all: {} };
  if (filter.length === 1 && mustNot.length === 0 && only !== undefined) return only;
  return { bool: { ...(filter.length > 0 ? { filter } : {}), ...(mustNot.length > 0 ? { must_not: mustNot } : {}) } };
}

function mergeExactTerms(queries: readonly Query[]): Query[] {
  const byField = new Map<string, TermValue[]>();
  for (const query of queries) {
    const exact = exactTerms.get(query);
    if (exact !== undefined) byField.set(exact.field, [...(byField.get(exact.field) ?? []), exact.value]);
  }
  const out: Query[] = [];
  const emitted = new Set<string>();
  for (const query of queries) {
    const exact = exactTerms.get(query);
    const values = exact === undefined ? undefined : byField.get(exact.field);
    if (exact === undefined || values === undefined || values.length < 2) {
      out.push(query);
    } else if (!emitted.has(exact.field)) {
      emitted.add(exact.field);
      out.push({ terms: { [exact.field]: [...new Set(values)] } });
    }
  }
  return out;
}

/** At least `minimum` of the queries (OR when 1). */
export function or(queries: readonly Query[], minimum = 1): Query {
  const flat = minimum === 1 ? queries.flatMap((query) => soleClauses(query, 'should') ?? [query]) : [...queries];
  const should = minimum === 1 ? mergeExactTerms(flat) : flat;
  const [only] = should;
  if (should.length === 0) return { match_none: {} };
  if (should.length === 1 && only !== undefined) return only;
  if (minimum >= should.length) return and(should);
  return { bool: { should, minimum_should_match: minimum } };
}

export function not(query: Query): Query {
  const negated = soleClauses(query, 'must_not');
  const [only] = negated ?? [];
  if (negated !== undefined && negated.length === 1 && only !== undefined) return only;
  return { bool: { must_not: [query] } };
}

/** How many leaf conditions a query holds (each value of a `terms` counts), a proxy for its cost to Elasticsearch. */
export function countLeafQueries(query: Query): number {
  const bool = query.bool;
  if (bool !== undefined) {
    return [bool.filter, bool.must, bool.should, bool.must_not].reduce<number>(
      (sum, clauses) => sum + asList(clauses).reduce((inner, clause) => inner + countLeafQueries(clause), 0),
      0,
    );
  }
  if (query.terms !== undefined) {
    const values: unknown[] = Object.values(query.terms);
    return values.reduce<number>((sum, value) => sum + (Array.isArray(value) ? value.length : 1), 0);
  }
  return 1;
}
