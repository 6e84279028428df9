import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import { CallerRequest, LoggedIn } from '../auth/access.decorators';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { GroupsService } from './groups.service';
import { Permission } from './permissions';

const REQUIRED_PERMISSION = 'platform:required-permission';

/** Runs after the global caller guard has found the session: the caller's group must hold the permission (1042). */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly groups: GroupsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const permission = this.reflector.getAllAndOverride<Permission>(REQUIRED_PERMISSION, [context.getHandler(), context.getClass()]);
    const user = context.switchToHttp().getRequest<CallerRequest>().currentUser;
    if (!permission || !user) throw new Error('PermissionGuard needs @RequirePermission on a route with a session');
    if (!(await this.groups.hasPermission(user.groupId, permission))) {
      throw new DomainError(ErrorCode.PERMISSION_DENIED, `your group lacks ${permission}`);
    }
    return true;
  }
}

/** The route needs a session whose user's group holds `permission` (1042 otherwise). */
export const RequirePermission = (permission: Permission): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(REQUIRED_PERMISSION, permission),
    UseGuards(PermissionGuard),
    LoggedIn(),
    ApiForbiddenResponse({ description: `1042 unless the caller's group holds ${permission}` }),
  );
