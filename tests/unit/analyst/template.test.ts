import { describe, expect, it } from 'vitest';
import { resolveTemplate, templateStepRefs, type TemplateScope } from '../../../src/analyst/template.js';
import { makeAlert } from '../../support/alert-builder.js';

const alert = makeAlert({ firstSeen: '2026-11-18T10:00:00.000Z', entities: { users: ['alice'], hosts: ['DC01', 'DC02'], sourceIps: [], destinationIps: [], cloudPrincipals: [] } });
const scope = (evidence: Record<string, unknown> = {}, attempted: string[] = []): TemplateScope => ({
  alert,
  evidence: new Map(Object.entries(evidence)),
  attempted: new Set([...Object.keys(evidence), ...attempted]),
});

describe('resolveTemplate', () => {
  it('reads alert fields, keeping their type when the template is the whole string', () => {
    expect(resolveTemplate('{{alert.entities.users[0]}}', scope())).toEqual({ status: 'resolved', value: 'alice' });
    expect(resolveTemplate('{{alert.entities.hosts}}', scope())).toEqual({ status: 'resolved', value: ['DC01', 'DC02'] });
    expect(resolveTemplate('host {{alert.entities.hosts[1]}} of {{alert.entities.users[0]}}', scope())).toEqual({ status: 'resolved', value: 'host DC02 of alice' });
  });

  it('moves times with offset', () => {
    expect(resolveTemplate('{{alert.firstSeen | offset:-30m}}', scope())).toEqual({ status: 'resolved', value: '2026-11-18T09:30:00.000Z' });
    expect(resolveTemplate('{{alert.firstSeen | offset:+1d}}', scope())).toEqual({ status: 'resolved', value: '2026-11-19T10:00:00.000Z' });
  });

  it('reports a missing alert field instead of sending an empty argument', () => {
    expect(resolveTemplate({ ip: '{{alert.entities.sourceIps[0]}}' }, scope())).toMatchObject({ status: 'missing' });
  });

  it('waits for a step not yet run, then reads its output', () => {
    const template = '{{alert.entities.sourceIps[0] || evidence.logons.aggregations.topSourceIps[0].value}}';
    expect(resolveTemplate(template, scope())).toEqual({ status: 'pending', waitsFor: 'logons' });
    expect(resolveTemplate(template, scope({ logons: { aggregations: { topSourceIps: [{ value: '10.0.0.9', count: 3 }] } } }))).toEqual({ status: 'resolved', value: '10.0.0.9' });
    expect(resolveTemplate(template, scope({}, ['logons']))).toMatchObject({ status: 'missing' });
  });

  it('does not expand templates inside resolved values', () => {
    const tricky = makeAlert({ entities: { users: ['{{alert.id}}'], hosts: [], sourceIps: [], destinationIps: [], cloudPrincipals: [] } });
    expect(resolveTemplate('{{alert.entities.users[0]}}', { alert: tricky, evidence: new Map(), attempted: new Set() })).toEqual({ status: 'resolved', value: '{{alert.id}}' });
  });

  it('leaves literals alone and resolves nested objects', () => {
    expect(resolveTemplate({ limit: 20, outcome: 'failure', nested: ['{{alert.entities.users[0]}}'] }, scope())).toEqual({ status: 'resolved', value: { limit: 20, outcome: 'failure', nested: ['alice'] } });
  });

  it('refuses objects and oversized strings as argument values', () => {
    expect(resolveTemplate('{{alert.entities}}', scope())).toMatchObject({ status: 'missing' });
    const long = makeAlert({ entities: { users: ['x'.repeat(600)], hosts: [], sourceIps: [], destinationIps: [], cloudPrincipals: [] } });
    expect(resolveTemplate('{{alert.entities.users[0]}}', { alert: long, evidence: new Map(), attempted: new Set() })).toMatchObject({ status: 'missing' });
  });
});

describe('templateStepRefs', () => {
  it('lists the steps a template reads', () => {
    expect(templateStepRefs({ ip: '{{alert.x || evidence.logons.a}}', other: ['{{evidence.intel.b}}'] })).toEqual(['logons', 'intel']);
  });
});
