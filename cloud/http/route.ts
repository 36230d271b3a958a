/**
 * Declares an endpoint once: its zod schemas validate the request (French errors naming the
 * field) and the same declaration feeds the OpenAPI document, so every endpoint is documented.
 */
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { z, ZodType } from 'zod';
import { parseInput } from '../../shared/domain/validation.js';
import { requestLocale } from './errors.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec<B extends ZodType | undefined = undefined, Q extends ZodType | undefined = undefined, P extends ZodType | undefined = undefined> {
  method: Method;
  path: string;
  tag: string;
  summary: string;
  /** 'none' (public), 'member' (any member's access token), 'owner' (the workshop's owner). */
  auth: 'none' | 'member' | 'owner';
  body?: B;
  query?: Q;
  params?: P;
  /** Body is not JSON (for instance an upload): documented with this content type. */
  rawBody?: string;
  responses: Record<number, { description: string; schema?: ZodType; contentType?: string }>;
}

type Parsed<S> = S extends ZodType ? z.output<S> : undefined;

export interface Input<B, Q, P> {
  body: Parsed<B>;
  query: Parsed<Q>;
  params: Parsed<P>;
}

export class ApiRegistry {
  readonly routes: RouteSpec<ZodType | undefined, ZodType | undefined, ZodType | undefined>[] = [];

  add<B extends ZodType | undefined, Q extends ZodType | undefined, P extends ZodType | undefined>(
    router: Router,
    spec: RouteSpec<B, Q, P>,
    ...handlers: [...RequestHandler[], (req: Request, res: Response, input: Input<B, Q, P>) => Promise<void> | void]
  ): void {
    this.routes.push(spec as RouteSpec<ZodType | undefined, ZodType | undefined, ZodType | undefined>);
    const last = handlers.pop() as (req: Request, res: Response, input: Input<B, Q, P>) => Promise<void> | void;
    const middleware = handlers as RequestHandler[];
    const validate = async (req: Request, res: Response, next: NextFunction) => {
      try {
        const locale = requestLocale(req);
        const input = {
          body: spec.body ? parseInput(spec.body, req.body ?? {}, locale) : undefined,
          query: spec.query ? parseInput(spec.query, { ...req.query }, locale) : undefined,
          params: spec.params ? parseInput(spec.params, { ...req.params }, locale) : undefined,
        } as Input<B, Q, P>;
        await last(req, res, input);
      } catch (error) {
        next(error);
      }
    };
    router[spec.method](spec.path, ...middleware, validate);
  }
}
