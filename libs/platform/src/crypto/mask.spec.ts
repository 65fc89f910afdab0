import { describe, expect, it } from 'vitest';
import { maskContact, narrowMask } from './mask';

describe('maskContact', () => {
  it.each([
    ['an Indian mobile with country code', 'sms', '+919876543210', '••••••••10'],
    ['a WhatsApp number', 'whatsapp', '+919876543299', '••••••••99'],
    ['a national number', 'sms', '9876543210', '••••••••10'],
    ['a short code', 'sms', '56161', '•••'],
    ['a 6-digit Telegram id', 'telegram', '123456', '•••'],
    ['a 10-digit Telegram id', 'telegram', '9876543210', '•••'],
  ])('masks %s to at most two digits', (_label, channel, address, masked) => {
    expect(maskContact(channel, address)).toBe(masked);
    expect(masked.replace(/\D/g, '').length).toBeLessThanOrEqual(2);
  });
});

describe('narrowMask', () => {
  it.each([
    ['an old five-digit mask', 'sms', '+91 98•••••210', '••••••••10'],
    ['a new mask, unchanged', 'whatsapp', '••••••••10', '••••••••10'],
    ['an old Telegram mask', 'telegram', '12•345', '•••'],
    ['a mask with no digits', 'sms', '•••', '•••'],
  ])('cuts %s down to two digits', (_label, channel, stored, masked) => {
    expect(narrowMask(channel, stored)).toBe(masked);
  });
});
