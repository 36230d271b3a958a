/** Accounts and sessions: POST /api/auth/signup, /auth/login, /auth/refresh, /auth/logout (all public). */
import type { Router } from 'express';
import type { CloudContext } from '../context.js';
import { requestLocale } from '../http/errors.js';
import { askerOf } from './routeHelpers.js';
import { loginBody, refreshBody, sessionResponse, signupBody, tokensResponse } from './schemas.js';

export function mountSessionRoutes(router: Router, ctx: CloudContext): void {
  const accounts = ctx.services.accounts;

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/auth/signup',
      tag: 'auth',
      summary: 'Crée un compte, son atelier (avec les vêtements par défaut) et ouvre une session.',
      access: 'public',
      body: signupBody,
      responses: {
        201: { description: 'Compte et atelier créés, session ouverte', schema: sessionResponse },
        409: { description: 'phone_taken / email_taken : numéro ou e-mail déjà utilisé par un compte' },
      },
    },
    async (req, res, { body }) => {
      res.status(201).json(await accounts.signup(body, requestLocale(req)));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/auth/login',
      tag: 'auth',
      summary: 'Ouvre une session (identifiant : téléphone sous toute forme, ou e-mail).',
      access: 'public',
      body: loginBody,
      responses: {
        200: { description: 'Session ouverte', schema: sessionResponse },
        401: { description: 'invalid_credentials : identifiant ou mot de passe incorrect' },
        403: { description: 'no_membership : le compte n’a accès à aucun atelier (ou pas à celui demandé)' },
        429: { description: 'account_locked (5 échecs, 15 minutes) ou too_many_requests (trop d’essais depuis cette adresse) ; Retry-After' },
      },
    },
    async (req, res, { body }) => {
      res.json(await accounts.login(body, askerOf(req)));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/auth/refresh',
      tag: 'auth',
      summary: 'Échange un jeton de session contre un nouveau (rotation) et un nouveau jeton d’accès.',
      access: 'public',
      body: refreshBody,
      responses: {
        200: { description: 'Nouveaux jetons ; l’ancien jeton de session ne sert plus', schema: tokensResponse },
        401: { description: 'invalid_refresh, refresh_expired, ou refresh_reused (jeton déjà utilisé : toute la famille est révoquée)' },
        403: { description: 'access_revoked : le membre a été retiré de l’atelier' },
      },
    },
    async (req, res, { body }) => {
      res.json(await accounts.refresh(body.refreshToken, requestLocale(req)));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/auth/logout',
      tag: 'auth',
      summary: 'Ferme la session : le jeton de session et toute sa famille sont révoqués.',
      access: 'public',
      body: refreshBody,
      responses: { 204: { description: 'Session fermée (aussi quand le jeton était déjà invalide)' } },
    },
    async (_req, res, { body }) => {
      await accounts.logout(body.refreshToken);
      res.status(204).end();
    },
  );
}
