import { describe, expect, it } from 'vitest';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Options } from 'pino-http';
import { testConfig } from '@jansetu/testing';
import { loggerParams, redactDigits } from './logging';

describe('redactDigits', () => {
  it('masks phone numbers and chat ids in free text', () => {
    expect(redactDigits('send to +91 98765 43210 failed')).toBe('send to [redacted-number] failed');
    expect(redactDigits('chat 5123456789 blocked the bot')).toBe('chat [redacted-number] blocked the bot');
  });

  it('leaves short numbers, counts and ids alone', () => {
    expect(redactDigits('broadcast 42: 300000 sent in 12 s')).toBe('broadcast 42: 300000 sent in 12 s');
    expect(redactDigits('join code 482193')).toBe('join code 482193');
  });

  it('keeps UUIDs and hex digests whole, and still masks a number beside them', () => {
    const ids = [
      '12345678-1234-4234-8234-123456789012',
      '6f1c2e3a-9876-4543-8210-987654321098',
      'ABCDEF01-2345-4678-9ABC-DEF012345678',
    ];
    for (const id of ids) expect(redactDigits(`broadcast ${id} approved`)).toBe(`broadcast ${id} approved`);
    const hash = 'a3f1098765432109876543210987654321098765432109876543210987654321';
    expect(redactDigits(`chain head ${hash}`)).toBe(`chain head ${hash}`);
    expect(redactDigits(`case 12345678-1234-4234-8234-123456789012 from +91 98765 43210`)).toBe(
      'case 12345678-1234-4234-8234-123456789012 from [redacted-number]',
    );
    expect(redactDigits('chat 5123456789 and ids/9876543210')).toBe('chat [redacted-number] and ids/[redacted-number]');
  });
});

describe('request log levels', () => {
  const options = loggerParams(testConfig('postgresql://unused/x')).pinoHttp as Options;
  const level = (url: string, status: number, error?: Error) =>
    options.customLogLevel!({ url } as IncomingMessage, { statusCode: status } as ServerResponse, error);

  it('keeps answered webhooks out of the info log (they are counted), and every refusal or failure in it', () => {
    expect(level('/webhooks/twilio/status', 200)).toBe('debug');
    expect(level('/webhooks/whatsapp', 401)).toBe('warn');
    expect(level('/webhooks/telegram', 500)).toBe('error');
    expect(level('/api/v1/broadcasts', 201)).toBe('info');
    expect(level('/api/v1/auth/login', 401)).toBe('warn');
    expect(level('/api/v1/broadcasts', 200, new Error('boom'))).toBe('error');
  });
});
