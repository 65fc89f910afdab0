import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsDate,
  IsDefined,
  IsInt,
  IsObject,
  Max,
  MaxDate,
  Min,
  MinDate,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';

/** The dates this API accepts: JavaScript and PostgreSQL both represent them, and no real record lies outside. */
export const EARLIEST_DATE = new Date('1970-01-01T00:00:00Z');
export const LATEST_DATE = new Date('9999-12-31T23:59:59Z');

/** Paging offsets: PostgreSQL takes a bigint, a client scrolls; a million rows in is the end of any listing. */
export const MAX_OFFSET = 1_000_000;

/** A required nested object (missing, null or a scalar is a 400, not a TypeError in the handler). */
export function Nested(type: () => new () => object): PropertyDecorator {
  return applyDecorators(IsDefined(), IsObject(), ValidateNested(), Type(type));
}

/** An ISO 8601 date inside the representable range. */
export function IsDateInRange(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Type(() => Date),
    IsDate(options),
    MinDate(EARLIEST_DATE, options),
    MaxDate(LATEST_DATE, options),
  );
}

/** A paging offset from a query string: an integer from 0 to MAX_OFFSET. */
export function PageOffset(): PropertyDecorator {
  return applyDecorators(
    Type(() => Number),
    IsInt(),
    Min(0),
    Max(MAX_OFFSET),
  );
}
