/**
 * The rules of a workshop's devices: a member registers the device they use and learns its code
 * (the prefix of the order numbers it makes offline); the owner lists the devices and removes a
 * lost or stolen one, which at its next request is told to lock and wipe the workshop's data.
 */
import type { CloudContext } from '../context.js';
import type { Caller } from '../http/route.js';
import type { Locale } from '../../shared/i18n/index.js';
import { ensureDevice, listDevices, memberNames, revokeDevice } from './devicesSql.js';
import type { DeviceBody, DeviceResponse, DevicesResponse } from './schemas.js';
import { fail } from './texts.js';

export class DeviceService {
  constructor(private readonly ctx: Pick<CloudContext, 'db' | 'now'>) {}

  async register(caller: Caller, body: DeviceBody, locale: Locale): Promise<DeviceResponse> {
    const { workshopId, memberId, userId } = caller;
    const device = await this.ctx.db.withWorkshop(workshopId, (tx) =>
      ensureDevice(tx, { id: body.deviceId, workshopId, memberId, userId, name: body.name }, this.ctx.now()),
    );
    if (!device) throw fail(locale, 'device_conflict');
    // As in sync: a device removed from the workshop must lock and wipe.
    if (device.revoked) throw fail(locale, 'device_revoked');
    return { code: device.code, name: device.name };
  }

  async list(caller: Caller): Promise<DevicesResponse> {
    const { devices, names } = await this.ctx.db.withWorkshop(caller.workshopId, async (tx) => ({ devices: await listDevices(tx), names: await memberNames(tx) }));
    return {
      devices: devices.map((d) => ({
        id: d.id,
        name: d.name,
        code: d.code,
        memberName: names.get(d.memberId) ?? null,
        lastSeenAt: d.lastSeenAt.toISOString(),
        revoked: d.revokedAt !== null,
      })),
    };
  }

  async remove(caller: Caller, deviceId: string, locale: Locale): Promise<void> {
    const removed = await this.ctx.db.withWorkshop(caller.workshopId, (tx) => revokeDevice(tx, deviceId, this.ctx.now()));
    if (!removed) throw fail(locale, 'device_not_found');
  }
}
