import { Injectable, OnModuleInit, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';

import { ACCESS, AccessRule } from './access.decorators';

export interface DeclaredRoute {
  /** `Controller.method`, as the code names it. */
  handler: string;
  /** `GET users/me`: the method and the path below the global prefix. */
  route: string;
  rule: AccessRule | undefined;
}

type RoutePath = string | string[] | undefined;

const joined = (...parts: RoutePath[]): string =>
  parts
    .flat()
    .map((part) => (part ?? '').replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');

/**
 * Every route of the application with its @Access() rule, as Nest discovered them. The
 * application refuses to start while a route declares none: a forgotten decorator would
 * otherwise leave the route's access to a default nobody chose.
 */
@Injectable()
export class RouteAccess implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    const undeclared = this.routes().filter((route) => route.rule === undefined);
    if (undeclared.length > 0) {
      throw new Error(`every route declares @Access(); these do not: ${undeclared.map((r) => `${r.handler} (${r.route})`).join(', ')}`);
    }
  }

  routes(): DeclaredRoute[] {
    return this.discovery.getControllers().flatMap(({ metatype }) => {
      if (!metatype) return [];
      const prototype = metatype.prototype as Record<string, unknown>;
      return this.scanner.getAllMethodNames(prototype).flatMap((name) => {
        const handler = prototype[name] as object;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as RoutePath;
        if (path === undefined) return [];
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        return [
          {
            handler: `${metatype.name}.${name}`,
            route: `${method} ${joined(Reflect.getMetadata(PATH_METADATA, metatype) as RoutePath, path)}`,
            rule: Reflect.getMetadata(ACCESS, handler) as AccessRule | undefined,
          },
        ];
      });
    });
  }
}
