import type { estypes } from '@elastic/elasticsearch';
import { DATASETS, dataStreamName, type Dataset } from './ecs-common.js';
import { TEXT_SEARCH_FIELD, textSearchAnalysis, textSearchFieldMapping } from './text-search.js';

const keyword = { type: 'keyword', ignore_above: 8191 } as const;
/** A keyword that free-text search also finds by any part of it (see text-search.ts). */
const searchableKeyword = { ...keyword, copy_to: TEXT_SEARCH_FIELD } as const;
const ipField = { type: 'ip' } as const;
const longField = { type: 'long' } as const;
const endpoint = {
  properties: { ip: ipField, address: keyword, port: longField, bytes: longField, domain: keyword },
} as const;

/**
 * Every string is a `keyword` unless named otherwise: Sigma matching and our structured searches need exact,
 * case-insensitive terms and wildcards, not analysed text. Addresses are `ip` (CIDR queries), times `date`.
 */
const commonMappings: estypes.MappingTypeMapping = {
  dynamic: true,
  date_detection: false,
  numeric_detection: false,
  dynamic_templates: [{ strings_as_keyword: { match_mapping_type: 'string', mapping: keyword } }],
  properties: {
    '@timestamp': { type: 'date' },
    message: searchableKeyword,
    event: {
      properties: {
        id: keyword,
        code: keyword,
        action: searchableKeyword,
        outcome: keyword,
        dataset: keyword,
        duration: longField,
        // The raw record is kept for people and for the model, never searched: it is large and hostile.
        original: { type: 'keyword', index: false, doc_values: false },
      },
    },
    // `keyword`, not Elastic's `constant_keyword`: that type lives in an X-Pack module the local dev node
    // (server jars from Maven Central) does not have, and the template would be refused there.
    data_stream: { properties: { type: keyword, dataset: keyword, namespace: keyword } },
    host: { properties: { name: searchableKeyword, ip: ipField } },
    user: { properties: { name: searchableKeyword } },
    source: endpoint,
    destination: endpoint,
    related: { properties: { ip: ipField, user: keyword, hosts: keyword } },
    network: { properties: { bytes: longField } },
    process: { properties: { pid: longField, command_line: searchableKeyword, executable: searchableKeyword, parent: { properties: { pid: longField } } } },
    file: { properties: { path: searchableKeyword } },
    dns: { properties: { question: { properties: { name: searchableKeyword } } } },
    registry: { properties: { path: searchableKeyword } },
    winlog: { properties: { event_data: { properties: { TargetImage: searchableKeyword } } } },
    soc: { properties: { text: textSearchFieldMapping } },
  },
};

const datasetMappings: Partial<Record<Dataset, estypes.MappingTypeMapping>> = {
  'aws.cloudtrail': {
    properties: {
      aws: {
        properties: {
          cloudtrail: {
            properties: {
              read_only: { type: 'boolean' },
              flattened: {
                properties: {
                  request_parameters: { type: 'flattened' },
                  response_elements: { type: 'flattened' },
                  additional_eventdata: { type: 'flattened' },
                },
              },
            },
          },
        },
      },
    },
  },
};

function mergeMappings(base: estypes.MappingTypeMapping, extra: estypes.MappingTypeMapping | undefined): estypes.MappingTypeMapping {
  if (!extra) return base;
  return { ...base, properties: { ...base.properties, ...extra.properties } };
}

export interface IndexTemplate {
  name: string;
  body: estypes.IndicesPutIndexTemplateRequest;
}

/**
 * One composable template per data stream of this namespace. Priority 200 wins over Elasticsearch's built-in
 * `logs-*-*` template (100), so our mappings apply on a stock cluster too.
 */
export function telemetryIndexTemplates(prefix: string, namespace: string): IndexTemplate[] {
  return DATASETS.map((dataset) => {
    const name = `${prefix}-logs-${dataset}-${namespace}`;
    return {
      name,
      body: {
        name,
        index_patterns: [dataStreamName(dataset, namespace)],
        data_stream: {},
        priority: 200,
        template: {
          settings: { number_of_shards: 1, number_of_replicas: 0, refresh_interval: '1s', 'mapping.total_fields.limit': 2000, analysis: textSearchAnalysis },
          mappings: mergeMappings(commonMappings, datasetMappings[dataset]),
        },
        _meta: { managed_by: 'soc-agent', dataset },
      },
    };
  });
}
