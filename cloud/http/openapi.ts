/** The OpenAPI document, generated from the routes' zod schemas (GET /api/openapi.json). */
import { z, type ZodType } from 'zod';
import type { ApiRegistry } from './route.js';
import type { Access } from './guards.js';

const SECURITY: Record<Access, unknown[]> = {
  public: [],
  member: [{ bearer: [] }],
  owner: [{ bearer: [] }],
  admin: [{ adminSession: [], csrfToken: [] }],
  superadmin: [{ adminSession: [], csrfToken: [] }],
  webhook: [{ providerSignature: [] }],
};

function jsonSchema(schema: ZodType, io: 'input' | 'output'): unknown {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });
}

export function openApiDocument(registry: ApiRegistry, version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of registry.routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
      if (!schema) continue;
      const shape = (jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] }) ?? {};
      for (const [name, property] of Object.entries(shape.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (shape.required ?? []).includes(name), schema: property });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema ? { content: { [response.contentType ?? 'application/json']: { schema: jsonSchema(response.schema, 'output') } } } : {}),
      };
    }
    responses.default = { description: 'Erreur', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    (paths[path] ??= {})[route.method] = {
      tags: [route.tag],
      summary: route.summary,
      // Who may call it, from the same declaration the registry guards the route with.
      'x-access': route.access,
      security: SECURITY[route.access],
      ...(parameters.length ? { parameters } : {}),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
      ...(route.rawBody ? { requestBody: { required: true, content: { [route.rawBody]: { schema: { type: 'string', format: 'binary' } } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Styliste', version, description: 'API du cloud Styliste (comptes, synchronisation, fichiers).' },
    servers: [{ url: '/api' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Jeton d’accès d’un membre ; x-access: owner demande le propriétaire.' },
        adminSession: { type: 'apiKey', in: 'cookie', name: 'styliste_admin', description: 'Session d’administrateur de la plateforme (cookie HttpOnly, SameSite=Strict) ; x-access: superadmin demande un superadmin.' },
        csrfToken: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'Jeton anti-falsification de la session, exigé sur toute écriture (POST, PUT, PATCH, DELETE).' },
        providerSignature: { type: 'apiKey', in: 'header', name: 'X-Signature', description: 'Appel d’un fournisseur, prouvé par sa signature ou un secret partagé (propre à chaque webhook).' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
    },
    paths,
  };
}
