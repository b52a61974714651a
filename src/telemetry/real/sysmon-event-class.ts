import type { EventClass } from './event-class.js';

/** Sysmon event ids, named after Sysmon's own event descriptions. */
const SYSMON_CLASSES: Readonly<Record<string, EventClass>> = {
  '1': { action: 'process-created', category: ['process'], type: ['start'] },
  '2': { action: 'file-creation-time-changed', category: ['file'], type: ['change'] },
  '3': { action: 'network-connection', category: ['network'], type: ['connection', 'start'] },
  '4': { action: 'sysmon-state-changed', category: ['process'], type: ['change'] },
  '5': { action: 'process-terminated', category: ['process'], type: ['end'] },
  '6': { action: 'driver-loaded', category: ['driver'], type: ['start'] },
  '7': { action: 'image-loaded', category: ['library'], type: ['start'] },
  '8': { action: 'remote-thread-created', category: ['process'], type: ['change'] },
  '9': { action: 'raw-access-read', category: ['file'], type: ['access'] },
  '10': { action: 'process-accessed', category: ['process'], type: ['access'] },
  '11': { action: 'file-created', category: ['file'], type: ['creation'] },
  '12': { action: 'registry-key-created-or-deleted', category: ['registry'], type: ['change'] },
  '13': { action: 'registry-value-set', category: ['registry'], type: ['change'] },
  '14': { action: 'registry-key-renamed', category: ['registry'], type: ['change'] },
  '15': { action: 'file-stream-created', category: ['file'], type: ['creation'] },
  '16': { action: 'sysmon-config-changed', category: ['configuration'], type: ['change'] },
  '17': { action: 'pipe-created', category: ['file'], type: ['creation'] },
  '18': { action: 'pipe-connected', category: ['file'], type: ['access'] },
  '19': { action: 'wmi-filter-registered', category: ['configuration'], type: ['creation'] },
  '20': { action: 'wmi-consumer-registered', category: ['configuration'], type: ['creation'] },
  '21': { action: 'wmi-consumer-bound', category: ['configuration'], type: ['change'] },
  '22': { action: 'dns-query', category: ['network'], type: ['protocol', 'info'] },
  '23': { action: 'file-deleted', category: ['file'], type: ['deletion'] },
  '24': { action: 'clipboard-changed', category: ['host'], type: ['change'] },
  '25': { action: 'process-tampered', category: ['process'], type: ['change'] },
  '26': { action: 'file-delete-logged', category: ['file'], type: ['deletion'] },
  '27': { action: 'file-executable-blocked', category: ['file'], type: ['creation', 'denied'] },
  '28': { action: 'file-shredding-blocked', category: ['file'], type: ['deletion', 'denied'] },
  '29': { action: 'file-executable-detected', category: ['file'], type: ['creation'] },
  '255': { action: 'sysmon-error', category: ['host'], type: ['error'] },
};

/** The class of a Sysmon event id; an id Sysmon adds later still gets a usable, stable action. */
export function sysmonEventClass(eventCode: string): EventClass {
  return SYSMON_CLASSES[eventCode] ?? { action: `sysmon-event-${eventCode}`, category: ['host'], type: ['info'] };
}
