import { coversNode, OfficerPrincipal } from '@jansetu/identity';
import { words } from '@jansetu/platform';

/** Station → subdivision → district: the alert goes one level up per escalation and stops at the district. */
export const LAST_LEVEL = 2;

/** The node `levels` steps above `path` ('/br/sam/sadar/muf/' → 1 → '/br/sam/sadar/'). */
export function ancestorPath(path: string, levels: number): string {
  const parts = path.split('/').filter(Boolean);
  return `/${parts.slice(0, Math.max(1, parts.length - levels)).join('/')}/`;
}

/**
 * Who manages a node's alert contacts: HQ, a district or subdivision officer for nodes in their area, a station
 * officer for their own station only. Anything else reads as absent (404).
 */
export function mayManage(officer: OfficerPrincipal, path: string): boolean {
  if (officer.role === 'station_officer') return officer.jurisdictionPath === path;
  return ['hq_admin', 'district_admin', 'subdivision_officer'].includes(officer.role) && coversNode(officer, path);
}

/**
 * SMS-sized, Hindi first: the case number and pseudonym only. No words of the citizen's message: they are sealed
 * under the citizen's key and an officer's phone is not the place for them; the console shows the case.
 */
export function alertText(caseNumber: number, pseudonym: string, level: number): string {
  const which = `#${caseNumber} ${pseudonym}`;
  return level > 0
    ? `JanSetu आपात मामला ${which} अनुत्तरित: तुरंत देखें। Emergency case ${which} unacknowledged.`
    : `JanSetu आपात मामला ${which}: तुरंत देखें। Emergency case ${which}: acknowledge now.`;
}

const ACK_WORDS = new Set(['ack', 'acknowledge', 'ok', 'okay', 'svikar', 'swikar', 'sweekar', 'स्वीकार', 'स्वीकृत']);

/** An alert contact's reply: "ACK 12", "स्वीकार #१२", "12", or any words (a reply to the alert). */
export function parseAlertReply(text: string): { keyword: boolean; caseNumber: number | null } {
  const ws = words(text);
  const keyword = ws.length > 0 && ACK_WORDS.has(ws[0]);
  const number = ws.find((w) => /^\d{1,9}$/.test(w));
  return { keyword, caseNumber: number === undefined ? null : Number(number) };
}

/** What the contact hears back, Hindi first; SMS-sized. */
export function ackReplyText(acked: number[], open: number[], asked: number | null): string {
  if (acked.length) {
    const n = acked.map((c) => `#${c}`).join(', ');
    return `JanSetu: मामला ${n} स्वीकार, आगे नहीं भेजा जाएगा। Case ${n} acknowledged.`;
  }
  if (open.length) {
    const list = open.map((c) => `#${c}`).join(' ');
    return `JanSetu: कौन सा मामला? ACK <संख्या> भेजें: ${list}. Which case? Send ACK <number>.`;
  }
  const which = asked === null ? '' : ` #${asked}`;
  return `JanSetu: कोई खुला मामला${which} नहीं। No open alert${which}.`;
}
