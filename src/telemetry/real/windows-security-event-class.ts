import type { EventClass } from './event-class.js';

/** A Security event's ECS class, plus what the mapper must know to read its fields. */
export interface SecurityEventClass extends EventClass {
  /** The outcome the event id implies by itself (4625 is always a failed logon). */
  outcome?: 'success' | 'failure';
  /** `TargetUserName` names a group, not a user (group management events). */
  targetIsGroup?: boolean;
  /** A `Status` other than `0x0` means the attempt failed (Kerberos and NTLM validation). */
  statusSaysOutcome?: boolean;
}

const logon = (action: string, type: string, outcome?: 'success' | 'failure'): SecurityEventClass => ({
  action,
  category: ['authentication'],
  type: [type],
  ...(outcome ? { outcome } : {}),
});
const userChange = (action: string, type: string): SecurityEventClass => ({ action, category: ['iam'], type: ['user', type] });
const groupChange = (action: string, type: string): SecurityEventClass => ({
  action,
  category: ['iam'],
  type: ['group', type],
  targetIsGroup: true,
});
const of = (action: string, category: string, type: string): SecurityEventClass => ({ action, category: [category], type: [type] });

/** Security event ids, with the action names of Elastic's system integration where it has one. */
const SECURITY_CLASSES: Readonly<Record<string, SecurityEventClass>> = {
  '1100': of('logging-service-shutdown', 'process', 'end'),
  '1102': of('audit-log-cleared', 'configuration', 'deletion'),
  '4624': logon('logged-in', 'start', 'success'),
  '4625': logon('logon-failed', 'start', 'failure'),
  '4627': of('group-membership-information', 'iam', 'info'),
  '4634': logon('logged-out', 'end'),
  '4647': logon('logged-out', 'end'),
  '4648': logon('logged-in-explicit', 'start'),
  '4656': of('object-handle-requested', 'host', 'access'),
  '4658': of('object-handle-closed', 'host', 'info'),
  '4661': of('object-handle-requested', 'host', 'access'),
  '4662': of('object-operation-performed', 'host', 'access'),
  '4663': of('object-access-attempted', 'file', 'access'),
  '4670': of('permissions-changed', 'iam', 'change'),
  '4672': of('assigned-special-privileges', 'iam', 'admin'),
  '4673': of('privileged-service-called', 'iam', 'admin'),
  '4674': of('privileged-operation-attempted', 'iam', 'admin'),
  '4688': of('process-created', 'process', 'start'),
  '4689': of('process-exited', 'process', 'end'),
  '4690': of('handle-duplicated', 'host', 'access'),
  '4697': of('service-installed', 'configuration', 'creation'),
  '4698': of('scheduled-task-created', 'configuration', 'creation'),
  '4699': of('scheduled-task-deleted', 'configuration', 'deletion'),
  '4700': of('scheduled-task-enabled', 'configuration', 'change'),
  '4701': of('scheduled-task-disabled', 'configuration', 'change'),
  '4702': of('scheduled-task-updated', 'configuration', 'change'),
  '4703': of('token-right-adjusted', 'iam', 'change'),
  '4719': of('audit-policy-changed', 'configuration', 'change'),
  '4720': userChange('added-user-account', 'creation'),
  '4722': userChange('enabled-user-account', 'change'),
  '4723': userChange('changed-password', 'change'),
  '4724': userChange('reset-password', 'change'),
  '4725': userChange('disabled-user-account', 'change'),
  '4726': userChange('deleted-user-account', 'deletion'),
  '4727': groupChange('added-group-account', 'creation'),
  '4728': groupChange('added-member-to-group', 'change'),
  '4729': groupChange('removed-member-from-group', 'change'),
  '4730': groupChange('deleted-group-account', 'deletion'),
  '4731': groupChange('added-group-account', 'creation'),
  '4732': groupChange('added-member-to-group', 'change'),
  '4733': groupChange('removed-member-from-group', 'change'),
  '4734': groupChange('deleted-group-account', 'deletion'),
  '4735': groupChange('modified-group-account', 'change'),
  '4737': groupChange('modified-group-account', 'change'),
  '4738': userChange('modified-user-account', 'change'),
  '4740': userChange('locked-out-user-account', 'change'),
  '4754': groupChange('added-group-account', 'creation'),
  '4755': groupChange('modified-group-account', 'change'),
  '4756': groupChange('added-member-to-group', 'change'),
  '4757': groupChange('removed-member-from-group', 'change'),
  '4758': groupChange('deleted-group-account', 'deletion'),
  '4768': { ...logon('kerberos-authentication-ticket-requested', 'start'), statusSaysOutcome: true },
  '4769': { ...logon('kerberos-service-ticket-requested', 'start'), statusSaysOutcome: true },
  '4770': logon('kerberos-service-ticket-renewed', 'start'),
  '4771': logon('kerberos-preauth-failed', 'start', 'failure'),
  '4776': { ...logon('credential-validated', 'start'), statusSaysOutcome: true },
  '4798': userChange('group-membership-enumerated', 'info'),
  '4799': groupChange('user-member-enumerated', 'info'),
  '5140': of('network-share-object-accessed', 'network', 'access'),
  '5145': of('network-share-object-access-checked', 'network', 'access'),
  '5156': { action: 'network-connection-permitted', category: ['network'], type: ['connection', 'allowed'] },
  '5157': { action: 'network-connection-blocked', category: ['network'], type: ['connection', 'denied'] },
  '5158': { action: 'network-bind-permitted', category: ['network'], type: ['allowed'] },
};

/** The class of a Security event id; other ids still get a stable action naming the id. */
export function securityEventClass(eventCode: string): SecurityEventClass {
  return SECURITY_CLASSES[eventCode] ?? { action: `security-event-${eventCode}`, category: ['host'], type: ['info'] };
}
