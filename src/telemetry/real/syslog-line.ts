import { isCalendarDate, toIsoTimestamp } from './timestamp.js';

/** The header of a syslog line and the message after it. */
export interface SyslogLine {
  /** ISO 8601 in UTC. */
  timestamp: string;
  host: string;
  program: string;
  pid?: number;
  message: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// `Mar  3 10:15:42 web-01 sshd[1234]: message` (BSD syslog, RFC 3164) …
const BSD_HEADER = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\S+) ([^\s[:]+)(?:\[(\d+)\])?: ?(.*)$/;
// … or `2024-03-03T10:15:42.123456+00:00 web-01 sshd[1234]: message` (rsyslog's high-precision format).
const ISO_HEADER = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) (\S+) ([^\s[:]+)(?:\[(\d+)\])?: ?(.*)$/;

/**
 * Reads the header of an `auth.log` line, or says why it cannot. BSD syslog writes no year and no zone: the
 * year is the caller's (`--year`, else the file's modification year) and the time is taken as UTC.
 */
export function parseSyslogLine(line: string, year: number): SyslogLine | { error: string } {
  const bsd = BSD_HEADER.exec(line);
  if (bsd) {
    const [, monthName = '', day = '', hour = '', minute = '', second = '', host = '', program = '', pid, message = ''] = bsd;
    const month = MONTHS.indexOf(monthName) + 1;
    if (month === 0 || !isCalendarDate(year, month, Number(day))) return { error: `no such date: ${monthName} ${day} ${year}` };
    const timestamp = toIsoTimestamp(`${year}-${pad(month)}-${pad(Number(day))}T${hour}:${minute}:${second}Z`);
    if (timestamp === undefined) return { error: `no such time: ${hour}:${minute}:${second}` };
    return { timestamp, host, program, ...(pid ? { pid: Number(pid) } : {}), message };
  }
  const iso = ISO_HEADER.exec(line);
  if (iso) {
    const [, time = '', host = '', program = '', pid, message = ''] = iso;
    const timestamp = toIsoTimestamp(time);
    if (timestamp === undefined) return { error: `no such time: ${time}` };
    return { timestamp, host, program, ...(pid ? { pid: Number(pid) } : {}), message };
  }
  return { error: 'not a syslog line (expected "Mon dd hh:mm:ss host program[pid]: message")' };
}

const pad = (value: number): string => String(value).padStart(2, '0');
