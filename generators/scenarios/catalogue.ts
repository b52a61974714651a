import { sshBruteForceScenario, sshBruteForceInjectedScenario, sshBruteForceSuccessScenario, passwordSprayScenario, mistypedPasswordScenario } from './brute-force.js';
import { lsassDumpScenario, lsassDumpInjectedScenario } from './credential-access.js';
import { cloudTrailDisabledScenario } from './defense-evasion.js';
import { approvedTransferScenario, outboundExfiltrationScenario, s3ExfiltrationInjectedScenario, s3ExfiltrationScenario } from './exfiltration.js';
import { backupFanOutScenario, psexecScenario, wmiScenario } from './lateral-movement.js';
import { adminGroupAddScenario, adminMaintenanceScenario, iamEscalationInjectedScenario, iamEscalationScenario, iamOnboardingScenario, sudoAbuseScenario } from './privilege-escalation.js';
import type { ScenarioSpec } from './scenario.js';

/** Every scenario type, malicious first, then benign look-alikes, then adversarial twins. */
export const SCENARIOS: readonly ScenarioSpec[] = [
  sshBruteForceScenario,
  sshBruteForceSuccessScenario,
  passwordSprayScenario,
  psexecScenario,
  wmiScenario,
  lsassDumpScenario,
  iamEscalationScenario,
  adminGroupAddScenario,
  sudoAbuseScenario,
  s3ExfiltrationScenario,
  outboundExfiltrationScenario,
  cloudTrailDisabledScenario,
  mistypedPasswordScenario,
  backupFanOutScenario,
  approvedTransferScenario,
  adminMaintenanceScenario,
  iamOnboardingScenario,
  sshBruteForceInjectedScenario,
  lsassDumpInjectedScenario,
  iamEscalationInjectedScenario,
  s3ExfiltrationInjectedScenario,
];

export function findScenario(type: string): ScenarioSpec | undefined {
  return SCENARIOS.find((scenario) => scenario.type === type);
}
