import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SocAgentError } from '../../../../src/domain/errors.js';
import { compileRule, parseSigmaYaml, type CompileOptions, type SigmaRuleDocument } from '../../../../src/producer/sigma/index.js';

const FIXTURES = new URL('../../../fixtures/sigma/', import.meta.url);

/** A Sysmon process_creation rule around the given detection (indented YAML lines). */
function processRule(detection: string): string {
  return `title: Test Rule
id: 11111111-2222-4333-8444-555555555555
logsource:
    product: windows
    category: process_creation
detection:
${detection}
`;
}

function documentOf(yaml: string, file = 'test.yml'): SigmaRuleDocument {
  const [document] = parseSigmaYaml(yaml, file);
  if (document?.kind !== 'detection') throw new Error('expected a detection rule');
  return document;
}

const compile = (yaml: string, options?: CompileOptions) => compileRule(documentOf(yaml), options);

/** The detection part of a Sysmon process_creation rule, without the `event.code: 1` filter. */
function detectionOf(detection: string) {
  const { query } = compile(processRule(detection));
  const filter = query.bool?.filter;
  if (!Array.isArray(filter)) throw new Error('expected bool.filter');
  expect(filter[0]).toEqual({ term: { 'event.code': { value: '1' } } });
  const rest = filter.slice(1);
  const mustNot = query.bool?.must_not;
  if (mustNot !== undefined) return { filter: rest, must_not: mustNot };
  return rest.length === 1 ? rest[0] : { filter: rest };
}

function compileError(yaml: string): SocAgentError {
  try {
    compile(yaml);
  } catch (error) {
    if (error instanceof SocAgentError) return error;
    throw error;
  }
  throw new Error('expected the rule to be refused');
}

const ci = (value: string) => ({ value, case_insensitive: true });

describe('compileRule', () => {
  it('compiles a whole rule: Sysmon filter, index pattern, mapped fields and metadata', () => {
    const text = readFileSync(new URL('proc_creation_win_whoami_priv.yml', FIXTURES), 'utf8');
    const compiled = compileRule(documentOf(text, 'proc_creation_win_whoami_priv.yml'), { namespace: 'prod' });
    const windash = ['-', '/', '\u2013', '\u2014', '\u2015'].map((dash) => ({
      wildcard: { 'process.command_line': ci(`* ${dash}priv*`) },
    }));
    expect(compiled).toEqual({
      id: '3c0b2f6e-5a5e-4f0d-9d7e-1f1b7f2a9c01',
      title: 'Whoami Privilege Discovery',
      level: 'medium',
      tags: ['attack.discovery', 'attack.t1033'],
      logsource: 'windows/sysmon/process_creation',
      index: ['logs-windows.sysmon_operational-prod'],
      query: {
        bool: {
          filter: [
            { term: { 'event.code': { value: '1' } } },
            {
              bool: {
                should: [
                  { wildcard: { 'process.executable': ci('*\\\\whoami.exe') } },
                  { term: { 'process.pe.original_file_name': ci('whoami.exe') } },
                ],
                minimum_should_match: 1,
              },
            },
            { bool: { should: windash, minimum_should_match: 1 } },
          ],
          must_not: [
            {
              bool: {
                should: [
                  { wildcard: { 'winlog.event_data.User': ci('*AUTHORI*') } },
                  { wildcard: { 'winlog.event_data.User': ci('*AUTORI*') } },
                ],
                minimum_should_match: 1,
              },
            },
          ],
        },
      },
    });
  });

  it('searches all namespaces unless one is given', () => {
    expect(compile(processRule('    sel:\n        Image: x\n    condition: sel')).index).toEqual(['logs-windows.sysmon_operational-*']);
  });

  it('matches a plain value exactly but case-insensitively, with term', () => {
    expect(detectionOf("    sel:\n        CommandLine: 'Whoami /all'\n    condition: sel")).toEqual({
      term: { 'process.command_line': ci('Whoami /all') },
    });
  });

  it('turns Sigma wildcards into a case-insensitive wildcard query and escapes literal ones', () => {
    expect(detectionOf("    sel:\n        CommandLine: 'a*b?c\\*d\\?e'\n    condition: sel")).toEqual({
      wildcard: { 'process.command_line': ci('a*b?c\\*d\\?e') },
    });
  });

  it('keeps a single backslash before ordinary characters and reads \\\\ before a wildcard as one backslash', () => {
    expect(detectionOf("    sel:\n        Image: 'C:\\Windows\\\\*'\n    condition: sel")).toEqual({
      wildcard: { 'process.executable': ci('C:\\\\Windows\\\\*') },
    });
  });

  it('uses a should of case-insensitive terms for a list of strings, since terms cannot ignore case', () => {
    expect(detectionOf('    sel:\n        OriginalFileName:\n            - a.exe\n            - B.exe\n    condition: sel')).toEqual({
      bool: {
        should: [{ term: { 'process.pe.original_file_name': ci('a.exe') } }, { term: { 'process.pe.original_file_name': ci('B.exe') } }],
        minimum_should_match: 1,
      },
    });
  });

  it('uses terms for a list of numbers and caseless strings', () => {
    expect(detectionOf("    sel:\n        ParentProcessId:\n            - 4\n            - '88'\n    condition: sel")).toEqual({
      terms: { 'winlog.event_data.ParentProcessId': ['4', '88'] },
    });
  });

  it('applies contains, startswith and endswith', () => {
    expect(
      detectionOf("    sel:\n        CommandLine|contains: 'x'\n        Image|startswith: 'C:\\'\n        ParentImage|endswith: '.exe'\n    condition: sel"),
    ).toEqual({
      filter: [
        { wildcard: { 'process.command_line': ci('*x*') } },
        { wildcard: { 'process.executable': ci('C:\\\\*') } },
        { wildcard: { 'process.parent.executable': ci('*.exe') } },
      ],
    });
  });

  it('links the values of contains|all with AND', () => {
    expect(detectionOf("    sel:\n        CommandLine|contains|all:\n            - 'a'\n            - 'b'\n    condition: sel")).toEqual({
      filter: [{ wildcard: { 'process.command_line': ci('*a*') } }, { wildcard: { 'process.command_line': ci('*b*') } }],
    });
  });

  it('keeps windash alternatives of one value ORed under all', () => {
    const query = detectionOf("    sel:\n        CommandLine|windash|contains|all:\n            - '-a'\n            - 'b'\n    condition: sel");
    expect(query).toEqual({
      filter: [
        {
          bool: {
            should: ['-', '/', '\u2013', '\u2014', '\u2015'].map((dash) => ({ wildcard: { 'process.command_line': ci(`*${dash}a*`) } })),
            minimum_should_match: 1,
          },
        },
        { wildcard: { 'process.command_line': ci('*b*') } },
      ],
    });
  });

  it('matches the cased modifier case-sensitively', () => {
    expect(detectionOf("    sel:\n        CommandLine|cased|contains: 'AbC'\n    condition: sel")).toEqual({
      wildcard: { 'process.command_line': { value: '*AbC*' } },
    });
  });

  it('searches the three base64 offsets of a value, case-sensitively', () => {
    expect(detectionOf("    sel:\n        CommandLine|base64offset|contains: 'cmd'\n    condition: sel")).toEqual({
      bool: {
        should: ['Y21k', 'NtZ', 'jbW'].map((value) => ({ wildcard: { 'process.command_line': { value: `*${value}*` } } })),
        minimum_should_match: 1,
      },
    });
  });

  it('encodes UTF-16LE before base64offset (wide)', () => {
    expect(detectionOf("    sel:\n        CommandLine|wide|base64offset|contains: 'cmd'\n    condition: sel")).toEqual({
      bool: {
        should: ['YwBtAGQA', 'MAbQBkA', 'jAG0AZA'].map((value) => ({ wildcard: { 'process.command_line': { value: `*${value}*` } } })),
        minimum_should_match: 1,
      },
    });
  });

  it('encodes a value with base64', () => {
    expect(detectionOf("    sel:\n        CommandLine|base64: 'cmd'\n    condition: sel")).toEqual({
      term: { 'process.command_line': { value: 'Y21k' } },
    });
  });

  it('translates re into an unanchored regexp, with i as case_insensitive', () => {
    expect(detectionOf("    sel:\n        CommandLine|re|i: '\\s-enc\\s'\n    condition: sel")).toEqual({
      regexp: { 'process.command_line': ci('.*[\\ \\\t-\\\r]\\-enc[\\ \\\t-\\\r].*') },
    });
  });

  it('refuses a regular expression with a lookahead, naming rule, field and feature', () => {
    const error = compileError(processRule("    sel:\n        CommandLine|re: 'a(?=b)'\n    condition: sel"));
    expect(error.code).toBe('RULE_UNSUPPORTED');
    expect(error.context).toMatchObject({
      rule: { file: 'test.yml', title: 'Test Rule', id: '11111111-2222-4333-8444-555555555555' },
      field: 'CommandLine|re',
      feature: 're: lookaround',
    });
    expect(error.message).toContain('test.yml "Test Rule"');
  });

  it('matches null as a missing field and exists as its presence', () => {
    expect(detectionOf('    sel:\n        ParentImage: null\n        CommandLine|exists: true\n        User|exists: false\n    condition: sel')).toEqual({
      filter: [{ exists: { field: 'process.command_line' } }],
      must_not: [{ exists: { field: 'process.parent.executable' } }, { exists: { field: 'winlog.event_data.User' } }],
    });
  });

  it('compares numbers with range on numeric fields', () => {
    expect(detectionOf('    sel:\n        ProcessId|gte: 1000\n        ProcessId|lt: 2000\n    condition: sel')).toEqual({
      filter: [{ range: { 'process.pid': { gte: 1000 } } }, { range: { 'process.pid': { lt: 2000 } } }],
    });
  });

  it('refuses a numeric comparison on a keyword field, which would compare text', () => {
    const error = compileError(processRule('    sel:\n        LogonId|gt: 5\n    condition: sel'));
    expect(error.code).toBe('RULE_UNSUPPORTED');
    expect(error.context.feature).toBe('modifier gt on keyword field');
  });

  it('negates every value with neq', () => {
    expect(detectionOf('    sel:\n        IntegrityLevel|neq:\n            - High\n            - System\n    condition: sel')).toEqual({
      filter: [],
      must_not: [
        {
          bool: {
            should: [{ term: { 'winlog.event_data.IntegrityLevel': ci('High') } }, { term: { 'winlog.event_data.IntegrityLevel': ci('System') } }],
            minimum_should_match: 1,
          },
        },
      ],
    });
  });

  it('refuses fieldref, expand and time modifiers instead of guessing', () => {
    expect(compileError(processRule('    sel:\n        Image|fieldref: ParentImage\n    condition: sel')).context.feature).toBe('modifier fieldref');
    expect(compileError(processRule("    sel:\n        User|expand: '%Admins%'\n    condition: sel")).context.feature).toBe('modifier expand');
    expect(compileError(processRule("    sel:\n        UtcTime|hour: '3'\n    condition: sel")).context.feature).toBe('modifier hour');
  });

  it('reports an unknown modifier as an invalid rule', () => {
    const error = compileError(processRule("    sel:\n        Image|sartswith: 'x'\n    condition: sel"));
    expect(error.code).toBe('RULE_INVALID');
    expect(error.context.field).toBe('Image|sartswith');
  });

  it('refuses a rule that compiles to more conditions than the limit', () => {
    const rule = processRule("    sel:\n        CommandLine|contains:\n            - a\n            - b\n            - c\n    condition: sel");
    expect(() => compile(rule, { maxLeafQueries: 3 })).not.toThrow();
    let error: unknown;
    try {
      compile(rule, { maxLeafQueries: 2 });
    } catch (caught) {
      error = caught;
    }
    expect(error instanceof SocAgentError && error.context).toMatchObject({ feature: 'query size', field: 'detection' });
  });

  it('refuses UTF-16 without base64 after it', () => {
    expect(compileError(processRule("    sel:\n        CommandLine|utf16le: 'x'\n    condition: sel")).context.feature).toBe('modifier utf16');
  });
});

describe('compileRule conditions', () => {
  const identifiers = "    sel_a:\n        Image: a\n    sel_b:\n        Image: b\n    filter_c:\n        Image: c\n    _hidden:\n        Image: h\n";
  const a = { term: { 'process.executable': ci('a') } };
  const b = { term: { 'process.executable': ci('b') } };
  const c = { term: { 'process.executable': ci('c') } };
  const h = { term: { 'process.executable': ci('h') } };
  const cases: [string, unknown][] = [
    ['sel_a or sel_b and not filter_c', { bool: { should: [a, { bool: { filter: [b], must_not: [c] } }], minimum_should_match: 1 } }],
    ['(sel_a or sel_b) and not filter_c', { filter: [{ bool: { should: [a, b], minimum_should_match: 1 } }], must_not: [c] }],
    ['not not sel_a', a],
    ['1 of sel_*', { bool: { should: [a, b], minimum_should_match: 1 } }],
    ['all of sel_*', { filter: [a, b] }],
    ['1 of them', { bool: { should: [a, b, c], minimum_should_match: 1 } }],
    ['all of them', { filter: [a, b, c] }],
    ['2 of them', { bool: { should: [a, b, c], minimum_should_match: 2 } }],
    ['1 of _hidden or sel_a', { bool: { should: [h, a], minimum_should_match: 1 } }],
  ];

  it.each(cases)('compiles %s', (condition, expected) => {
    expect(detectionOf(`${identifiers}    condition: ${condition}`)).toEqual(expected);
  });

  it('ORs a list of conditions', () => {
    expect(detectionOf(`${identifiers}    condition:\n        - sel_a\n        - sel_b`)).toEqual({
      bool: { should: [a, b], minimum_should_match: 1 },
    });
  });

  it('ORs the maps of a list and ANDs the fields of a map', () => {
    expect(detectionOf('    sel:\n        - Image: a\n          CommandLine: x\n        - Image: b\n    condition: sel')).toEqual({
      bool: { should: [{ bool: { filter: [a, { term: { 'process.command_line': ci('x') } }] } }, b], minimum_should_match: 1 },
    });
  });

  it('refuses a condition naming an unknown search identifier', () => {
    const error = compileError(processRule(`${identifiers}    condition: sel_a and nothing`));
    expect(error.code).toBe('RULE_INVALID');
    expect(error.context.field).toBe('detection.condition');
    expect(error.message).toContain("'nothing'");
  });

  it('refuses Sigma v1 aggregations in the condition', () => {
    const error = compileError(processRule(`${identifiers}    condition: sel_a | count() by Image > 5`));
    expect(error.code).toBe('RULE_UNSUPPORTED');
    expect(error.context.feature).toBe('condition aggregation');
  });
});

describe('compileRule keywords', () => {
  const linuxRule = (detection: string) => `title: Keywords
logsource:
    product: linux
    service: auth
detection:
${detection}
`;

  it('searches keywords as substrings of the message field', () => {
    expect(compile(linuxRule("    keywords:\n        - 'Failed password'\n        - 'rhost'\n    condition: keywords"))).toMatchObject({
      index: ['logs-system.auth-*'],
      query: {
        bool: {
          should: [{ wildcard: { message: ci('*Failed password*') } }, { wildcard: { message: ci('*rhost*') } }],
          minimum_should_match: 1,
        },
      },
    });
  });

  it('ANDs keywords under |all, each in any of the configured message fields', () => {
    const { query } = compile(linuxRule("    keywords:\n        '|all':\n            - 'sudo'\n            - 'COMMAND'\n    condition: keywords"), {
      keywordFields: ['message', 'system.auth.sudo.command'],
    });
    const anyField = (value: string) => ({
      bool: { should: [{ wildcard: { message: ci(value) } }, { wildcard: { 'system.auth.sudo.command': ci(value) } }], minimum_should_match: 1 },
    });
    expect(query).toEqual({ bool: { filter: [anyField('*sudo*'), anyField('*COMMAND*')] } });
  });
});

describe('compileRule field types', () => {
  const networkRule = (detection: string) => `title: Net
logsource:
    product: windows
    category: network_connection
detection:
${detection}
`;
  const body = (yaml: string) => {
    const filter = compile(networkRule(yaml)).query.bool?.filter;
    return Array.isArray(filter) ? filter[1] : undefined;
  };

  it('matches cidr with a term on the ip field', () => {
    expect(body("    sel:\n        DestinationIp|cidr:\n            - '10.0.0.0/8'\n            - 'fe80::/10'\n    condition: sel")).toEqual({
      terms: { 'destination.ip': ['10.0.0.0/8', 'fe80::/10'] },
    });
  });

  it('turns an IPv4 prefix on an ip field into its CIDR block', () => {
    expect(body("    sel:\n        DestinationIp|startswith: '192.168.'\n    condition: sel")).toEqual({
      term: { 'destination.ip': { value: '192.168.0.0/16' } },
    });
  });

  it('matches other string patterns on an ip field against its raw keyword twin', () => {
    expect(body("    sel:\n        DestinationIp|startswith: 'fe80:'\n    condition: sel")).toEqual({
      wildcard: { 'winlog.event_data.DestinationIp': ci('fe80:*') },
    });
  });

  it('sends numbers to numeric fields as numbers, even when quoted', () => {
    expect(body("    sel:\n        DestinationPort:\n            - 443\n            - '8443'\n    condition: sel")).toEqual({
      terms: { 'destination.port': [443, 8443] },
    });
  });

  it('refuses a wildcard on a numeric field', () => {
    const error = compileError(networkRule("    sel:\n        DestinationPort|startswith: '44'\n    condition: sel"));
    expect(error.context).toMatchObject({ field: 'DestinationPort|startswith', feature: 'string pattern on numeric field' });
  });

  it('refuses a rule whose log source has no data stream', () => {
    const error = compileError('title: X\nlogsource:\n    product: windows\n    category: ps_script\ndetection:\n    s:\n        a: b\n    condition: s\n');
    expect(error.code).toBe('RULE_UNSUPPORTED');
    expect(error.context).toMatchObject({ field: 'logsource', feature: 'logsource' });
  });
});

describe('compileRule CloudTrail', () => {
  const cloudtrailRule = (detection: string) => `title: Trail
logsource:
    product: aws
    service: cloudtrail
detection:
${detection}
`;

  it('maps CloudTrail names to ECS and matches flattened keys with their exact case', () => {
    const { query, index } = compile(
      cloudtrailRule(
        "    sel:\n        eventSource: ec2.amazonaws.com\n        eventName: ModifyImageAttribute\n        requestParameters.attribute|startswith: launch\n        requestParameters.enable: false\n    condition: sel",
      ),
    );
    expect(index).toEqual(['logs-aws.cloudtrail-*']);
    expect(query).toEqual({
      bool: {
        filter: [
          { term: { 'event.provider': ci('ec2.amazonaws.com') } },
          { term: { 'event.action': ci('ModifyImageAttribute') } },
          { wildcard: { 'aws.cloudtrail.flattened.request_parameters.attribute': { value: 'launch*' } } },
          { term: { 'aws.cloudtrail.flattened.request_parameters.enable': { value: 'false' } } },
        ],
      },
    });
  });

  it('matches a non-address sourceIPAddress against source.address', () => {
    expect(compile(cloudtrailRule("    sel:\n        sourceIPAddress: 'AWS Internal'\n    condition: sel")).query).toEqual({
      term: { 'source.address': ci('AWS Internal') },
    });
  });

  it('refuses a regular expression on a flattened key', () => {
    const error = compileError(cloudtrailRule("    sel:\n        requestParameters.name|re: 'a.*'\n    condition: sel"));
    expect(error.context.feature).toBe('re on flattened field');
  });
});
