/**
 * The owner's permission for the support view (DESIGN "Admin portal"), from the app's settings:
 * `GET /api/support-access` (the permission in force, or none), `POST` (allows the Styliste team
 * to read the workshop, read-only, for 24 hours from now), `DELETE` (withdraws it at once). It
 * needs the cloud: offline (or the cloud failing) the reading answers null and the screen says so;
 * allowing or withdrawing offline fails with the host's offline message.
 */
import type { z } from 'zod';
import type { supportGrantResponse } from '../../cloud/admin/support/schemas.js';
import { CloudApi, CloudError } from './cloudApi.js';
import { unreachable } from './billingChannels.js';
import { text } from '../i18n/texts.js';
import { SUPPORT_HOST_TEXTS } from './supportTexts.js';

/** The cloud's answer: the permission in force (when it was given, when it ends), or null. */
export type SupportAccess = z.infer<typeof supportGrantResponse>;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** The answer checked field by field; null when it is not one. */
export function readSupportAccess(raw: unknown): SupportAccess | null {
  if (!raw || typeof raw !== 'object' || !('grant' in raw)) return null;
  const grant = (raw as { grant: unknown }).grant;
  if (grant === null) return { grant: null };
  if (!grant || typeof grant !== 'object') return null;
  const { grantedAt, expiresAt } = grant as Record<string, unknown>;
  if (typeof grantedAt !== 'string' || typeof expiresAt !== 'string' || !ISO.test(grantedAt) || !ISO.test(expiresAt)) return null;
  return { grant: { grantedAt, expiresAt } };
}

export class SupportChannels {
  constructor(private readonly cloud: () => CloudApi) {}

  /** The permission in force, or none; null when the cloud cannot be reached. */
  async current(): Promise<SupportAccess | null> {
    try {
      return await this.call('GET');
    } catch (error) {
      if (unreachable(error)) return null;
      throw error;
    }
  }

  /** Allows the support view for 24 hours from now. */
  allow(): Promise<SupportAccess> {
    return this.call('POST');
  }

  /** Withdraws it at once. */
  withdraw(): Promise<SupportAccess> {
    return this.call('DELETE');
  }

  private async call(method: 'GET' | 'POST' | 'DELETE'): Promise<SupportAccess> {
    const api = this.cloud();
    const access = readSupportAccess(await api.request<unknown>(method, '/api/support-access'));
    if (!access) throw new CloudError(502, 'bad_response', text(SUPPORT_HOST_TEXTS, api.locale, 'unreadable'));
    return access;
  }
}
