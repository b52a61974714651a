/** ECS `event.category` and `event.type` of a CloudTrail API call. */
export interface EcsClassification {
  category: string[];
  type: string[];
}

const IAM_SERVICES = new Set(['iam', 'sts', 'sso', 'sso-directory', 'identitystore', 'organizations', 'access-analyzer']);
const NETWORK_SERVICES = new Set(['route53', 'route53resolver', 'elasticloadbalancing', 'cloudfront', 'network-firewall', 'globalaccelerator']);
const EC2_NETWORK_NOUNS = /SecurityGroup|Vpc|Subnet|FlowLogs|NetworkAcl|Route|InternetGateway|NatGateway|NetworkInterface|Address/;

// API names start with a verb, and the verb says what the call does to the resource. Checked in this order.
const VERB_TYPES: readonly (readonly [RegExp, string])[] = [
  [/^(Get|BatchGet|Describe|List|Lookup|Search|Head|Check|Select|Decrypt|Validate|Simulate)/, 'access'],
  [/^(Create|Add|Attach|Put|Run|Import|Register|Allocate|Associate|Copy|Upload|Issue)/, 'creation'],
  [/^(Delete|Remove|Detach|Terminate|Deregister|Disassociate|Release|Leave|Purge)/, 'deletion'],
  [/^(Update|Modify|Set|Change|Enable|Disable|Start|Stop|Reset|Replace|Authorize|Revoke|Send|Tag|Untag|Apply|Restore|Reboot|Assume)/, 'change'],
];

/**
 * Sorts an API call into ECS categories the way Elastic's AWS integration broadly does: identity services are
 * `iam`, console sign-in is `authentication`, network plumbing is `network`, and everything else is
 * `configuration` of a cloud resource. The type comes from the verb the API name starts with.
 */
export function classifyCloudTrailEvent(eventSource: string, eventName: string): EcsClassification {
  const service = eventSource.split('.')[0] ?? eventSource;
  if (service === 'signin') return { category: ['authentication'], type: ['start'] };
  const verbType = VERB_TYPES.find(([pattern]) => pattern.test(eventName))?.[1] ?? 'info';
  if (IAM_SERVICES.has(service)) {
    // ECS allows no `access` type for `iam`: a read of identity data is `info`.
    const type = verbType === 'access' ? 'info' : verbType;
    const subject = /User/.test(eventName) ? ['user'] : /Group/.test(eventName) ? ['group'] : [];
    return { category: ['iam'], type: [...subject, type] };
  }
  if (NETWORK_SERVICES.has(service) || (service === 'ec2' && EC2_NETWORK_NOUNS.test(eventName))) {
    return { category: ['network'], type: [verbType] };
  }
  return { category: ['configuration'], type: [verbType] };
}
