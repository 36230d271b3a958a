/**
 * The admin sign-in (DESIGN "Admin portal"): `POST /api/admin/login` (password → challenge, and the
 * enrolment on a first sign-in), `POST /api/admin/login/totp` (code → session cookie), `GET
 * /api/admin/session` (who is signed in, the CSRF token, after a reload) and `POST
 * /api/admin/logout`.
 */
import type { Router } from 'express';
import type { CloudContext } from '../context.js';
import { requestLocale } from '../http/errors.js';
import { adminLoginResponseSchema, adminLoginSchema, adminSessionSchema, adminTotpSchema, okSchema } from './schemas.js';
import { clearSessionCookie, setSessionCookie } from './cookies.js';

export function mountAdminSignIn(router: Router, ctx: CloudContext): void {
  const signIn = ctx.services.adminSignIn;
  const secure = ctx.config.env === 'production';
  const tag = 'admin';

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/admin/login',
      tag,
      access: 'public',
      summary: 'Connexion d’un administrateur, étape 1 : le mot de passe (réponse : un défi, et l’enrôlement TOTP à la première connexion).',
      body: adminLoginSchema,
      responses: { 200: { description: 'Défi à renvoyer avec le code', schema: adminLoginResponseSchema }, 401: { description: 'Identifiants incorrects' }, 429: { description: 'Connexion bloquée 15 minutes' } },
    },
    async (req, res, { body }) => {
      res.json(await signIn.login(body.email, body.password, req.ip ?? null, requestLocale(req)));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/admin/login/totp',
      tag,
      access: 'public',
      summary: 'Connexion d’un administrateur, étape 2 : le code TOTP (ou un code de secours) ; ouvre la session (cookie HttpOnly).',
      body: adminTotpSchema,
      responses: { 200: { description: 'Session ouverte', schema: adminSessionSchema }, 401: { description: 'Code refusé ou défi expiré' }, 429: { description: 'Connexion bloquée 15 minutes' } },
    },
    async (req, res, { body }) => {
      const { token, session } = await signIn.verify(body.challenge, body.code, req.ip ?? null, requestLocale(req));
      setSessionCookie(res, token, secure);
      res.setHeader('Cache-Control', 'no-store');
      res.json(session);
    },
  );

  ctx.api.add(
    router,
    { method: 'get', path: '/admin/session', tag, access: 'admin', summary: 'La session d’administration en cours et son jeton CSRF.', responses: { 200: { description: 'Session', schema: adminSessionSchema } } },
    async (req, res, { caller }) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json(await signIn.describe(req.adminToken!, caller));
    },
  );

  ctx.api.add(
    router,
    { method: 'post', path: '/admin/logout', tag, access: 'admin', summary: 'Ferme la session d’administration.', responses: { 200: { description: 'Session fermée', schema: okSchema } } },
    async (req, res, { caller }) => {
      await signIn.logout(req.adminToken!, caller, caller.ip);
      clearSessionCookie(res, secure);
      res.json({ ok: true });
    },
  );
}
