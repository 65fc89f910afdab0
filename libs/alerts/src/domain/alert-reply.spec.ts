import { describe, expect, it } from 'vitest';
import { parseAlertReply } from './alerts';

describe('an alert contact’s reply', () => {
  it.each([
    ['ACK 1003', { keyword: true, caseNumber: 1003 }],
    ['स्वीकार 1003', { keyword: true, caseNumber: 1003 }],
    ['स्वीकार #१००३', { keyword: true, caseNumber: 1003 }],
    ['ack', { keyword: true, caseNumber: null }],
    ['aa raha hoon', { keyword: false, caseNumber: null }],
  ])('%s', (text, expected) => expect(parseAlertReply(text)).toEqual(expected));
});
