import { CanActivate, Injectable } from '@nestjs/common';

import { QqConnectClient } from './qq-connect.client';

/** The QQ routes answer 1077 while QQ login is not configured (no QQ_APP_ID). */
@Injectable()
export class QqConfiguredGuard implements CanActivate {
  constructor(private readonly connect: QqConnectClient) {}

  canActivate(): boolean {
    this.connect.requireConfigured();
    return true;
  }
}
