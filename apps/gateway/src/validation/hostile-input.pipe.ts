import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/** Deeper than any DTO of this API; class-transformer and class-validator recurse, so the limit comes first. */
export const MAX_DEPTH = 32;

// U+0000 cannot be stored in PostgreSQL text; a lone surrogate is not a character at all (it becomes U+FFFD or
// fails on the way to the database, a provider or a log).
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const NUL_OR_LONE_SURROGATE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first hostile thing in a request value, as a reason for the caller, or undefined when there is none. */
export function hostileReason(value: unknown, at = '', depth = 0): string | undefined {
  if (typeof value === 'string') {
    return NUL_OR_LONE_SURROGATE.test(value)
      ? `${at || 'value'} contains a NUL character or a lone surrogate / ${at || 'मान'} में अमान्य अक्षर है`
      : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_DEPTH) {
    return `the request is nested deeper than ${MAX_DEPTH} levels / अनुरोध ${MAX_DEPTH} स्तर से अधिक गहरा है`;
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, v] of entries) {
    const path = at ? `${at}.${key}` : key;
    const reason = hostileReason(key, 'a field name', MAX_DEPTH) ?? hostileReason(v, path, depth + 1);
    if (reason) return reason;
  }
  return undefined;
}

/**
 * Runs before the ValidationPipe on every body, query and path parameter of every route: refuses NUL characters,
 * lone surrogates and absurd nesting with a 400, so no DTO can forget them and nothing below ever sees them.
 */
@Injectable()
export class HostileInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const reason = hostileReason(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    if (reason) throw new BadRequestException(reason);
    return value;
  }
}
