/**
 * The team: GET /api/members, PATCH|DELETE /api/members/:id, POST /api/invites (owner, checked by
 * the guard), and POST /api/invites/accept (public: the invitee has no session yet).
 */
import type { Router } from 'express';
import type { CloudContext } from '../context.js';
import { requestLocale } from '../http/errors.js';
import { askerOf } from './routeHelpers.js';
import { acceptInviteBody, inviteBody, inviteResponse, memberParams, memberResponse, membersResponse, roleBody, sessionResponse } from './schemas.js';

export function mountTeamRoutes(router: Router, ctx: CloudContext): void {
  const team = ctx.services.team;

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/members',
      tag: 'members',
      summary: 'Liste les membres de l’atelier et les invitations en attente.',
      access: 'owner',
      responses: { 200: { description: 'Membres (avec ou sans compte) et invitations en attente', schema: membersResponse } },
    },
    async (_req, res, { caller }) => {
      res.json(await team.list(caller));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'patch',
      path: '/members/:id',
      tag: 'members',
      summary: 'Change le rôle d’un membre (l’atelier garde toujours un propriétaire).',
      access: 'owner',
      params: memberParams,
      body: roleBody,
      responses: {
        200: { description: 'Le membre, avec son nouveau rôle', schema: memberResponse },
        404: { description: 'not_found : membre inconnu dans cet atelier' },
        409: { description: 'last_owner : ce serait retirer le dernier propriétaire' },
      },
    },
    async (req, res, { params, body, caller }) => {
      res.json(await team.changeRole(caller, params.id, body.role, requestLocale(req)));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'delete',
      path: '/members/:id',
      tag: 'members',
      summary: 'Retire un membre : ses sessions sont révoquées immédiatement.',
      access: 'owner',
      params: memberParams,
      responses: {
        204: { description: 'Membre retiré' },
        404: { description: 'not_found : membre inconnu dans cet atelier' },
        409: { description: 'last_owner, ou cannot_remove_self' },
      },
    },
    async (req, res, { params, caller }) => {
      await team.remove(caller, params.id, requestLocale(req));
      res.status(204).end();
    },
  );

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/invites',
      tag: 'members',
      summary: 'Invite une personne (employé ou lecteur) : renvoie le code à 6 chiffres à lui transmettre.',
      access: 'owner',
      body: inviteBody,
      responses: {
        201: { description: 'Invitation créée ; le code n’est montré qu’une fois', schema: inviteResponse },
        409: { description: 'already_member : ce numéro est déjà membre de l’atelier' },
      },
    },
    async (req, res, { body, caller }) => {
      res.status(201).json(await team.invite(caller, body, requestLocale(req)));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/invites/accept',
      tag: 'members',
      summary: 'Accepte une invitation avec son code : crée le compte (ou vérifie le mot de passe du compte existant) et ouvre une session.',
      access: 'public',
      body: acceptInviteBody,
      responses: {
        200: { description: 'Membre ajouté, session ouverte dans cet atelier', schema: sessionResponse },
        400: { description: 'invalid_code : code incorrect, expiré ou invitation épuisée (5 essais)' },
        401: { description: 'invalid_credentials : mauvais mot de passe du compte existant' },
        409: { description: 'already_member' },
        429: { description: 'too_many_requests ou account_locked ; Retry-After' },
      },
    },
    async (req, res, { body }) => {
      res.json(await team.accept(body, askerOf(req)));
    },
  );
}
