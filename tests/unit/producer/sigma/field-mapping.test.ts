import { describe, expect, it } from 'vitest';
import { isEcsFieldName, resolveLogsource, type LogsourceMapping } from '../../../../src/producer/sigma/field-mapping.js';

function mappingOf(logsource: { product?: string; category?: string; service?: string }): LogsourceMapping {
  const mapping = resolveLogsource(logsource);
  if (mapping === undefined) throw new Error(`unmapped: ${JSON.stringify(logsource)}`);
  return mapping;
}

describe('resolveLogsource', () => {
  it('selects Sysmon process creations by event code in the Sysmon data stream', () => {
    const mapping = mappingOf({ product: 'windows', category: 'process_creation' });
    expect(mapping.name).toBe('windows/sysmon/process_creation');
    expect(mapping.indices()).toEqual(['logs-windows.sysmon_operational-*']);
    expect(mapping.indices('default')).toEqual(['logs-windows.sysmon_operational-default']);
    expect(mapping.filter).toEqual({ term: { 'event.code': { value: '1' } } });
  });

  it.each([
    ['network_connection', { term: { 'event.code': { value: '3' } } }],
    ['process_access', { term: { 'event.code': { value: '10' } } }],
    ['file_event', { term: { 'event.code': { value: '11' } } }],
    ['image_load', { term: { 'event.code': { value: '7' } } }],
    ['registry_event', { terms: { 'event.code': ['12', '13', '14'] } }],
    ['dns_query', { term: { 'event.code': { value: '22' } } }],
    ['pipe_created', { terms: { 'event.code': ['17', '18'] } }],
    [
      'registry_add',
      { bool: { filter: [{ term: { 'event.code': { value: '12' } } }, { terms: { 'winlog.event_data.EventType': ['CreateKey'] } }] } },
    ],
  ])('filters Sysmon %s events', (category, filter) => {
    expect(mappingOf({ product: 'windows', category }).filter).toEqual(filter);
  });

  it('maps Sysmon fields to ECS as the Elastic Windows integration does', () => {
    const { mapField } = mappingOf({ product: 'windows', category: 'process_access' });
    expect(mapField('Image')).toEqual({ field: 'process.executable', type: 'keyword', textField: undefined });
    expect(mapField('SourceImage').field).toBe('process.executable');
    expect(mapField('CommandLine').field).toBe('process.command_line');
    expect(mapField('ParentImage').field).toBe('process.parent.executable');
    expect(mapField('OriginalFileName').field).toBe('process.pe.original_file_name');
    expect(mapField('TargetFilename').field).toBe('file.path');
    expect(mapField('DestinationPort')).toEqual({ field: 'destination.port', type: 'number', textField: undefined });
    expect(mapField('DestinationIp')).toEqual({ field: 'destination.ip', type: 'ip', textField: 'winlog.event_data.DestinationIp' });
    expect(mapField('EventID').field).toBe('event.code');
  });

  it('keeps Sigma fields without an exact ECS twin in winlog.event_data', () => {
    const { mapField } = mappingOf({ product: 'windows', category: 'process_access' });
    expect(mapField('TargetImage').field).toBe('winlog.event_data.TargetImage');
    expect(mapField('GrantedAccess').field).toBe('winlog.event_data.GrantedAccess');
    expect(mapField('User').field).toBe('winlog.event_data.User');
    expect(mapField('SomethingNew').field).toBe('winlog.event_data.SomethingNew');
  });

  it('looks Windows field names up case-insensitively', () => {
    expect(mappingOf({ product: 'windows', category: 'process_creation' }).mapField('commandline').field).toBe('process.command_line');
  });

  it('passes ECS and winlog names through unchanged', () => {
    const { mapField } = mappingOf({ product: 'windows', category: 'process_creation' });
    expect(mapField('process.name')).toEqual({ field: 'process.name', type: 'keyword', textField: undefined });
    expect(mapField('winlog.event_data.Image').field).toBe('winlog.event_data.Image');
    expect(mapField('source.ip').type).toBe('ip');
  });

  it('maps the Windows Security log by event code and event data', () => {
    const mapping = mappingOf({ product: 'windows', service: 'security' });
    expect(mapping.indices('default')).toEqual(['logs-system.security-default']);
    expect(mapping.filter).toBeUndefined();
    expect(mapping.mapField('EventID').field).toBe('event.code');
    expect(mapping.mapField('TargetUserName').field).toBe('winlog.event_data.TargetUserName');
    expect(mapping.mapField('LogonType').field).toBe('winlog.event_data.LogonType');
    expect(mapping.mapField('IpAddress')).toEqual({ field: 'source.ip', type: 'ip', textField: 'winlog.event_data.IpAddress' });
    expect(mapping.mapField('Channel').field).toBe('winlog.channel');
    expect(mapping.mapField('Provider_Name').field).toBe('winlog.provider_name');
  });

  it('maps CloudTrail names, flattening request and response objects', () => {
    const { mapField, indices } = mappingOf({ product: 'aws', service: 'cloudtrail' });
    expect(indices()).toEqual(['logs-aws.cloudtrail-*']);
    expect(mapField('eventSource').field).toBe('event.provider');
    expect(mapField('eventName').field).toBe('event.action');
    expect(mapField('sourceIPAddress')).toEqual({ field: 'source.ip', type: 'ip', textField: 'source.address' });
    expect(mapField('userAgent').field).toBe('user_agent.original');
    expect(mapField('errorCode').field).toBe('aws.cloudtrail.error_code');
    expect(mapField('userIdentity.arn').field).toBe('aws.cloudtrail.user_identity.arn');
    expect(mapField('userIdentity.sessionContext.sessionIssuer.userName').field).toBe('user.name');
    expect(mapField('requestParameters.userName')).toEqual({
      field: 'aws.cloudtrail.flattened.request_parameters.userName',
      type: 'flattened',
      textField: undefined,
    });
    expect(mapField('responseElements.ConsoleLogin').field).toBe('aws.cloudtrail.flattened.response_elements.ConsoleLogin');
    expect(mapField('additionalEventData.MFAUsed').field).toBe('aws.cloudtrail.flattened.additional_eventdata.MFAUsed');
    expect(mapField('requestParameters').field).toBe('aws.cloudtrail.request_parameters');
  });

  it('falls back to aws.cloudtrail plus the snake_case path for other CloudTrail fields', () => {
    expect(mappingOf({ product: 'aws', service: 'cloudtrail' }).mapField('userIdentity.sessionContext.sessionIssuer.type').field).toBe(
      'aws.cloudtrail.user_identity.session_context.session_issuer.type',
    );
  });

  it('reads Linux auth and network flows under their ECS names', () => {
    expect(mappingOf({ product: 'linux', service: 'sshd' }).indices()).toEqual(['logs-system.auth-*']);
    expect(mappingOf({ product: 'linux', service: 'auth' }).mapField('system.auth.ssh.event').field).toBe('system.auth.ssh.event');
    const flow = mappingOf({ product: 'network', service: 'flow' });
    expect(flow.indices('default')).toEqual(['logs-network_traffic.flow-default']);
    expect(flow.mapField('source.bytes')).toEqual({ field: 'source.bytes', type: 'number', textField: undefined });
  });

  it.each([
    { product: 'windows', category: 'ps_script' },
    { product: 'windows', service: 'powershell' },
    { product: 'linux', category: 'process_creation' },
    { product: 'azure', service: 'activitylogs' },
    { category: 'proxy' },
  ])('leaves %j unmapped', (logsource) => {
    expect(resolveLogsource(logsource)).toBeUndefined();
  });
});

describe('isEcsFieldName', () => {
  it('recognises dotted names under ECS roots only', () => {
    expect(isEcsFieldName('process.command_line')).toBe(true);
    expect(isEcsFieldName('message')).toBe(true);
    expect(isEcsFieldName('requestParameters.userName')).toBe(false);
    expect(isEcsFieldName('CommandLine')).toBe(false);
  });
});
