/**
 * Devices: POST /api/devices registers the calling device and gives it its code (any member);
 * GET /api/devices lists the workshop's devices and DELETE /api/devices/:id removes a lost or
 * stolen one (owner, checked by the guard).
 */
import type { Router } from 'express';
import type { CloudContext } from '../context.js';
import { requestLocale } from '../http/errors.js';
import { deviceBody, deviceParams, deviceResponse, devicesResponse } from './schemas.js';

export function mountDeviceRoutes(router: Router, ctx: CloudContext): void {
  const devices = ctx.services.devices;

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/devices',
      tag: 'devices',
      summary: 'Enregistre cet appareil dans l’atelier et renvoie son code (préfixe des numéros de commande).',
      access: 'member',
      body: deviceBody,
      responses: {
        200: { description: 'L’appareil, avec son code dans l’atelier', schema: deviceResponse },
        403: { description: 'access_revoked : membre retiré, ou appareil retiré de l’atelier' },
        409: { description: 'device_conflict : cet identifiant d’appareil appartient à un autre atelier' },
      },
    },
    async (req, res, { body, caller }) => {
      res.json(await devices.register(caller, body, requestLocale(req)));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/devices',
      tag: 'devices',
      summary: 'Liste les appareils de l’atelier.',
      access: 'owner',
      responses: { 200: { description: 'Appareils, avec le dernier membre qui s’en est servi', schema: devicesResponse } },
    },
    async (_req, res, { caller }) => {
      res.json(await devices.list(caller));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'delete',
      path: '/devices/:id',
      tag: 'devices',
      summary: 'Retire un appareil perdu ou volé : à sa prochaine connexion il verrouille et efface les données.',
      access: 'owner',
      params: deviceParams,
      responses: { 204: { description: 'Appareil retiré' }, 404: { description: 'not_found : appareil inconnu dans cet atelier' } },
    },
    async (req, res, { params, caller }) => {
      await devices.remove(caller, params.id, requestLocale(req));
      res.status(204).end();
    },
  );
}
