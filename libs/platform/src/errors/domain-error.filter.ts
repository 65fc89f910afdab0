import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, TooManyRequestsError } from './domain-error';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
}

/**
 * PostgreSQL error codes that only a value sent by the caller can cause (class 22 "data exception": a bad UUID, a
 * number or date out of range, a NUL or an invalid byte sequence, a LIMIT/OFFSET out of range). Anything else from
 * the database is our defect and stays a 500.
 */
const BAD_INPUT_SQLSTATE = /^22[0-9A-Z]{3}$/;

const INVALID_VALUE = 'a value in the request is not valid (out of range or malformed) / अनुरोध का कोई मान अमान्य है';
const INTERNAL = 'internal error; it has been logged / आंतरिक त्रुटि; दर्ज कर ली गई है';

/** What the caller sees for any error: a 4xx with a reason, or a bare 500 (logged with its stack here). */
export function errorResponse(error: unknown): { body: ErrorBody; log?: unknown } {
  if (error instanceof DomainError) {
    return { body: { statusCode: error.status, error: error.code, message: error.message } };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const fields = typeof response === 'object' && response !== null ? (response as Partial<ErrorBody>) : {};
    const message = fields.message ?? (typeof response === 'string' ? response : error.message);
    const body: ErrorBody = { ...fields, statusCode: status, error: fields.error ?? error.name, message };
    return status >= 500 ? { body, log: error } : { body };
  }
  if (error instanceof QueryFailedError) {
    const code = (error.driverError as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && BAD_INPUT_SQLSTATE.test(code)) {
      return { body: { statusCode: 400, error: 'invalid', message: INVALID_VALUE } };
    }
  }
  // Errors of the HTTP layer below Nest (body-parser: 413 too large, 415 charset, 400 bad encoding) carry their
  // status; only those marked safe to show (`expose`) are passed on.
  const http = error as { status?: unknown; statusCode?: unknown; expose?: unknown; message?: unknown; type?: unknown };
  const status = typeof http?.status === 'number' ? http.status : http?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && http.expose === true) {
    const reason = typeof http.message === 'string' && http.message ? http.message : 'bad request';
    return {
      body: { statusCode: status, error: typeof http.type === 'string' ? http.type : 'bad_request', message: reason },
    };
  }
  return { body: { statusCode: 500, error: 'internal', message: INTERNAL }, log: error };
}

/** Every error of the HTTP surface ends here: domain errors, Nest's own, bad input rejected by the database, defects. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const res = host.switchToHttp().getResponse<Response>();
    const { body, log } = errorResponse(error);
    if (log !== undefined) {
      this.logger.error(log instanceof Error ? (log.stack ?? log.message) : JSON.stringify(log));
    }
    if (res.headersSent) {
      // A stream already started: cut it, so a partial answer can never pass for a whole one.
      res.destroy();
      return;
    }
    if (error instanceof TooManyRequestsError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    res.status(body.statusCode).json(body);
  }
}
