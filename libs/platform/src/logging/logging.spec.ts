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
