import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { OfficerPrincipal } from '../domain/officer-principal';
import { Role } from '../domain/role';

export const ROLES_KEY = 'jansetu:roles';
export const PUBLIC_KEY = 'jansetu:public';
export const DURING_PASSWORD_CHANGE_KEY = 'jansetu:during-password-change';
export const DURING_ENROLMENT_KEY = 'jansetu:during-totp-enrolment';

/** The roles allowed on an /api/v1 route. A route without it is refused to everyone (deny by default). */
export const AllowRoles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'missing or invalid token' }),
    ApiForbiddenResponse({ description: `role not allowed (allowed: ${roles.join(', ')}) or outside jurisdiction` }),
  );

/** An /api/v1 route open without a token (only login). */
export const PublicRoute = () => SetMetadata(PUBLIC_KEY, true);

/** A route open to a token issued after an admin's password reset (which may do nothing else until the change). */
export const AllowDuringPasswordChange = () => SetMetadata(DURING_PASSWORD_CHANGE_KEY, true);

/** A route open to a TOTP enrolment step token (which may do nothing else). */
export const AllowDuringEnrolment = () => SetMetadata(DURING_ENROLMENT_KEY, true);

export const CurrentOfficer = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): OfficerPrincipal =>
    ctx.switchToHttp().getRequest<{ officer: OfficerPrincipal }>().officer,
);
