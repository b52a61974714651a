import type { estypes } from '@elastic/elasticsearch';

/**
 * Fields that free-text search looks into: the ones that carry names, paths and command lines. Each is also a
 * `keyword` (exact matching, Sigma), and copies its value into one trigram-indexed field for "contains" search.
 */
export const TEXT_SEARCH_SOURCES = [
  'message',
  'process.command_line',
  'process.executable',
  'file.path',
  'winlog.event_data.TargetImage',
  'dns.question.name',
  'registry.path',
  'user.name',
  'host.name',
  'event.action',
] as const;

/** The trigram-indexed copy of every text search source. */
export const TEXT_SEARCH_FIELD = 'soc.text';

/** Shorter text has no trigram: it is searched with wildcards over the source fields instead. */
export const TEXT_SEARCH_MIN_TRIGRAM = 3;

const ANALYZER = 'soc_trigram';

/**
 * Every character, three at a time, lower-cased: a phrase of a text's trigrams matches exactly the values that
 * contain that text, whatever its punctuation, without scanning the term dictionary the way a `*text*` wildcard
 * does (tens of milliseconds on a million events). This is how Elastic's `wildcard` field type indexes too.
 */
export const textSearchAnalysis: estypes.IndicesIndexSettingsAnalysis = {
  tokenizer: { [ANALYZER]: { type: 'ngram', min_gram: 3, max_gram: 3, token_chars: [] } },
  analyzer: { [ANALYZER]: { type: 'custom', tokenizer: ANALYZER, filter: ['lowercase'] } },
};

/** Only positions: a phrase needs them, scoring does not happen (filters only), so no norms or frequencies. */
export const textSearchFieldMapping: estypes.MappingProperty = { type: 'text', analyzer: ANALYZER, norms: false, index_options: 'positions' };
