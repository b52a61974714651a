import { describe, expect, it } from 'vitest';
import { COMMAND_DEFINITIONS } from '../../../src/discord/command-definitions.js';

describe('COMMAND_DEFINITIONS', () => {
  it('offers /alerts, /investigate and /report, the latter two with a required alert-id', () => {
    expect(COMMAND_DEFINITIONS.map((definition) => definition.name)).toEqual(['alerts', 'investigate', 'report']);
    for (const name of ['investigate', 'report']) {
      expect(COMMAND_DEFINITIONS.find((definition) => definition.name === name)?.options).toEqual([expect.objectContaining({ name: 'alert-id', type: 3, required: true })]);
    }
  });

  it('leaves every command to administrators until a server grants it, and keeps them out of direct messages', () => {
    for (const definition of COMMAND_DEFINITIONS) {
      expect(definition.default_member_permissions).toBe('0');
      expect(definition.contexts).toEqual([0]);
    }
  });
});
