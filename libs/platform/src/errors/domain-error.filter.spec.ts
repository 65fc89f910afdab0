import { BadRequestException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { errorResponse } from './domain-error.filter';
import { ForbiddenError, NotFoundError } from './domain-error';

const pgError = (code: string) =>
  new QueryFailedError('SELECT $1', ['x'], Object.assign(new Error('pg says no'), { code }));

describe('errorResponse: every error becomes a 4xx with a reason, or a logged 500', () => {
  it.each<[string, unknown, number, string | RegExp]>([
    ['a domain error', new NotFoundError('group 1'), 404, 'group 1 not found / नहीं मिला'],
    ['a role refusal', new ForbiddenError('role x may not do this'), 403, 'role x may not do this'],
    [
      'a Nest exception with a message list',
      new BadRequestException(['name must be a string']),
      400,
      'name must be a string',
    ],
    ['a Nest exception with a string', new NotFoundException('Cannot GET /x'), 404, 'Cannot GET /x'],
    ['an invalid UUID (22P02)', pgError('22P02'), 400, /not valid/],
    ['a number out of range (22003)', pgError('22003'), 400, /not valid/],
    ['a date out of range (22008)', pgError('22008'), 400, /not valid/],
    ['a NUL byte (22021)', pgError('22021'), 400, /not valid/],
    ['an untranslatable character (22P05)', pgError('22P05'), 400, /not valid/],
    ['an OFFSET out of range (2201X)', pgError('2201X'), 400, /not valid/],
    [
      'a body too large (body-parser)',
      Object.assign(new Error('request entity too large'), { status: 413, expose: true, type: 'entity.too.large' }),
      413,
      'request entity too large',
    ],
  ])('%s', (_label, error, status, message) => {
    const { body, log } = errorResponse(error);
    expect(body.statusCode).toBe(status);
    expect([body.message].flat().join(' ')).toMatch(message);
    expect(log).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['a unique violation (our defect, not the caller’s)', pgError('23505')],
    ['a lost connection', pgError('08006')],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'groupIds')")],
    ['a thrown string', 'boom'],
    ['an unexposed http error', Object.assign(new Error('secret detail'), { status: 400, expose: false })],
  ])('%s is a 500 that tells nothing and is logged', (_label, error) => {
    const { body, log } = errorResponse(error);
    expect(body).toMatchObject({ statusCode: 500, error: 'internal' });
    expect(body.message).not.toMatch(/pg says no|secret|groupIds|boom/);
    expect(log).toBe(error);
  });
});
