import { describe, expect, it } from 'vitest';
import { loadRulePack } from '../../../src/producer/load-rules.js';
import { buildRulePack } from '../../../src/producer/rule-pack.js';

const pack = loadRulePack('rules', 'default');

describe('the rule pack under rules/', () => {
  it('loads without errors', () => {
    expect(pack.errors.map((error) => error.message)).toEqual([]);
    expect(pack.rules.length).toBeGreaterThanOrEqual(13);
  });

  it.each(pack.rules.map((rule) => [rule.file, rule] as const))('%s carries ATT&CK techniques, a level and false-positive notes', (_file, rule) => {
    expect(rule.meta.techniques.length).toBeGreaterThan(0);
    expect(rule.meta.tactics.length).toBeGreaterThan(0);
    expect(rule.meta.falsepositives.length).toBeGreaterThan(0);
    expect(rule.meta.level).not.toBe('informational');
    expect(rule.meta.author).toBe('soc-agent');
  });

  it('runs correlation base rules only through their correlation', () => {
    expect(pack.rules.some((rule) => rule.meta.title === 'SSH authentication failure from one source')).toBe(false);
    expect(pack.rules.find((rule) => rule.meta.title === 'SSH brute force from a single source')?.kind).toBe('correlation');
  });

  it('uses the entity_key of single-event rules to group matches', () => {
    const psexec = pack.rules.find((rule) => rule.file.endsWith('lateral_movement_psexec_service_install.yml'));
    expect(psexec?.kind === 'single' ? psexec.entityFields : undefined).toEqual(['user.name']);
  });
});

describe('buildRulePack', () => {
  const good = { file: 'rules/good.yml', text: 'title: Good\nid: 11111111-1111-4111-8111-111111111111\nstatus: test\nlogsource: {product: aws, service: cloudtrail}\ndetection: {sel: {eventName: StopLogging}, condition: sel}\nlevel: high\ntags: [attack.defense_evasion, attack.t1562.008]\n' };

  it('reports a broken file by name and still loads the others', () => {
    const result = buildRulePack([good, { file: 'rules/broken.yml', text: 'title: Broken\nlogsource: {product: aws, service: cloudtrail}\ndetection: {sel: {eventName: X}, condition: nope}\n' }], 'default');
    expect(result.rules.map((rule) => rule.meta.title)).toEqual(['Good']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toMatch(/^rules\/broken\.yml\b/);
  });

  it('refuses two rules with one id, naming both files', () => {
    const result = buildRulePack([good, { ...good, file: 'rules/copy.yml' }], 'default');
    expect(result.rules).toHaveLength(1);
    expect(result.errors[0]?.message).toContain('rules/copy.yml');
    expect(result.errors[0]?.message).toContain('rules/good.yml');
  });

  it('reads ATT&CK techniques and tactics from the tags', () => {
    const [rule] = buildRulePack([good], 'default').rules;
    expect(rule?.meta.techniques).toEqual(['T1562.008']);
    expect(rule?.meta.tactics).toEqual(['defense_evasion']);
  });
});
