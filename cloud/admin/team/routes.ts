/**
 * The admins (DESIGN "Admin portal"):
 * - GET  /api/admin/admins                       superadmin   the admins, with pending invitations
 * - POST /api/admin/admins {email, name, role, reason}   superadmin   invites one (201, the link, e-mailed)
 * - POST /api/admin/admins/:id/remove {reason}   superadmin   removes one, its sessions ended at once
 * - GET  /api/admin/invitations/:token           public       the invitation the link opens
 * - POST /api/admin/invitations/accept {token, password}  public  chooses the password
 */
import type { Router } from 'express';
import type { CloudContext } from '../../context.js';
import { requestLocale } from '../../http/errors.js';
import { okSchema } from '../schemas.js';
import { acceptInvitationSchema, adminParamsSchema, adminsListSchema, invitationParamsSchema, invitationSchema, invitedSchema, inviteAdminSchema, removeAdminSchema } from './schemas.js';
import { TeamService } from './service.js';

export function mountAdminTeam(router: Router, ctx: CloudContext): void {
  const team = new TeamService(ctx);
  const tag = 'admin';

  ctx.api.add(
    router,
    { method: 'get', path: '/admin/admins', tag, access: 'superadmin', summary: 'Les administrateurs, invitations en attente comprises (superadmin).', responses: { 200: { description: 'Les administrateurs', schema: adminsListSchema }, 403: { description: 'Réservé aux superadmins' } } },
    async (_req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json({ admins: await team.list() });
    },
  );

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/admin/admins',
      tag,
      access: 'superadmin',
      summary: 'Invite un administrateur (superadmin) : le lien, valable 3 jours, est renvoyé et envoyé par e-mail ; écrit au journal.',
      body: inviteAdminSchema,
      responses: {
        201: { description: 'Invitation créée', schema: invitedSchema },
        400: { description: 'Champ invalide ou motif manquant' },
        403: { description: 'Réservé aux superadmins' },
        409: { description: 'Adresse déjà administrateur' },
      },
    },
    async (req, res, { body, caller }) => {
      res.setHeader('Cache-Control', 'no-store');
      res.status(201).json(await team.invite(body, caller, requestLocale(req)));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/admin/admins/:id/remove',
      tag,
      access: 'superadmin',
      summary: 'Retire un administrateur (superadmin) : ses sessions sont fermées aussitôt ; ni soi-même, ni le dernier superadmin ; écrit au journal.',
      params: adminParamsSchema,
      body: removeAdminSchema,
      responses: {
        200: { description: 'Administrateur retiré', schema: okSchema },
        400: { description: 'Motif manquant' },
        403: { description: 'Réservé aux superadmins' },
        404: { description: 'Administrateur introuvable' },
        409: { description: 'Soi-même, ou le dernier superadmin' },
      },
    },
    async (req, res, { params, body, caller }) => {
      await team.remove(params.id, body.reason, caller, requestLocale(req));
      res.json({ ok: true });
    },
  );

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/admin/invitations/:token',
      tag,
      access: 'public',
      summary: 'L’invitation qu’ouvre un lien : l’adresse, le nom et la fin de validité.',
      params: invitationParamsSchema,
      responses: { 200: { description: 'Invitation valable', schema: invitationSchema }, 404: { description: 'Inconnue ou déjà utilisée' }, 410: { description: 'Expirée' } },
    },
    async (req, res, { params }) => {
      const found = await team.invitation(params.token, requestLocale(req));
      res.setHeader('Cache-Control', 'no-store');
      res.json({ email: found.email, name: found.name, expiresAt: found.expiresAt });
    },
  );

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/admin/invitations/accept',
      tag,
      access: 'public',
      summary: 'Accepte une invitation en choisissant son mot de passe ; la double authentification s’active à la première connexion.',
      body: acceptInvitationSchema,
      responses: { 200: { description: 'Mot de passe enregistré', schema: okSchema }, 400: { description: 'Mot de passe trop court' }, 404: { description: 'Inconnue ou déjà utilisée' }, 410: { description: 'Expirée' } },
    },
    async (req, res, { body }) => {
      await team.accept(body.token, body.password, req.ip ?? null, requestLocale(req));
      res.json({ ok: true });
    },
  );
}
