/**
 * Declares an endpoint once. The declaration says who may call it (`access`), and the registry
 * applies that guard before anything else of the route runs: a route cannot be mounted without
 * one, and no handler checks a token or a role by hand. The same declaration's zod schemas
 * validate the request (French errors naming the field) and feed the OpenAPI document.
 */
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { z, ZodType } from 'zod';
import { parseInput } from '../../shared/domain/validation.js';
import { requestLocale } from './errors.js';
import type { Access, AdminCaller, Caller, Guards } from './guards.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type { Access, AdminCaller, Caller } from './guards.js';

type Schema = ZodType | undefined;

interface BaseSpec<B extends Schema, Q extends Schema, P extends Schema> {
  method: Method;
  /** Relative to `/api` (the OpenAPI server), `:name` for path parameters. */
  path: string;
  tag: string;
  summary: string;
  body?: B;
  query?: Q;
  params?: P;
  /** Body is not JSON (for instance an upload): documented with this content type. */
  rawBody?: string;
  responses: Record<number, { description: string; schema?: ZodType; contentType?: string }>;
}

export type RouteSpec<A extends Access = Access, B extends Schema = Schema, Q extends Schema = Schema, P extends Schema = Schema> = BaseSpec<B, Q, P> &
  (A extends 'webhook'
    ? {
        access: A;
        /** How the provider's request is proven (signature or shared secret); throws an HttpError 401/403. */
        verify(req: Request): void | Promise<void>;
      }
    : {
        access: A;
        /** For member routes that concern one device (sync): the device id the member check also reads. */
        deviceOf?(req: Request): unknown;
      });

type Parsed<S> = S extends ZodType ? z.output<S> : undefined;

export interface Input<A extends Access, B, Q, P> {
  body: Parsed<B>;
  query: Parsed<Q>;
  params: Parsed<P>;
  /** Who called: the member and their role, checked by the guard (undefined on public and webhook routes). */
  caller: A extends 'member' | 'owner' ? Caller : A extends 'admin' | 'superadmin' ? AdminCaller : undefined;
}

export type Handler<A extends Access, B, Q, P> = (req: Request, res: Response, input: Input<A, B, Q, P>) => Promise<void> | void;

export class ApiRegistry {
  readonly routes: RouteSpec[] = [];

  constructor(private readonly guards: Guards) {}

  /**
   * Mounts one endpoint: the guard of its `access` (a token is checked before any body is read),
   * then the route's own middleware (a body parser for routes mounted ahead of the app's), then
   * the member check where it needs the body (`deviceOf`), then the schemas, then the handler.
   */
  add<A extends Access, B extends Schema = undefined, Q extends Schema = undefined, P extends Schema = undefined>(
    router: Router,
    spec: RouteSpec<A, B, Q, P>,
    ...handlers: [...RequestHandler[], Handler<A, B, Q, P>]
  ): void {
    const guard = this.guards.for(spec as RouteSpec);
    this.routes.push(spec as RouteSpec);
    const last = handlers.pop() as Handler<A, B, Q, P>;
    const middleware = handlers as RequestHandler[];
    const run = async (req: Request, res: Response, next: NextFunction) => {
      try {
        const caller = await guard.admit(req);
        const locale = requestLocale(req);
        const input = {
          body: spec.body ? parseInput(spec.body, req.body ?? {}, locale) : undefined,
          query: spec.query ? parseInput(spec.query, { ...req.query }, locale) : undefined,
          params: spec.params ? parseInput(spec.params, { ...req.params }, locale) : undefined,
          caller,
        } as Input<A, B, Q, P>;
        await last(req, res, input);
      } catch (error) {
        next(error);
      }
    };
    router[spec.method](spec.path, guard.early, ...middleware, run);
  }

  /** The methods declared for a concrete path (`/api/members/42` → ['DELETE', 'PATCH']), for 405 answers. */
  methodsFor(path: string): string[] {
    const methods = new Set<string>();
    for (const route of this.routes) {
      if (pathPattern(route.path).test(path)) methods.add(route.method.toUpperCase());
    }
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  }
}

const patterns = new Map<string, RegExp>();
function pathPattern(path: string): RegExp {
  let pattern = patterns.get(path);
  if (!pattern) {
    const escaped = path.split(/(:\w+)/).map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    pattern = new RegExp(`^/api${escaped.join('')}/?$`);
    patterns.set(path, pattern);
  }
  return pattern;
}
