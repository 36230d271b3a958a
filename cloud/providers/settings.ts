/**
 * The providers' settings (DESIGN "Configuration names"), read from the environment with the
 * rest of the configuration (`cloud/config.ts` spreads `providerEnvShape` into its schema and
 * calls `readProviderSettings`). Each provider is a group of names that go together: all of
 * them, or none (then the provider writes to the development outbox). The `*_BASE_URL` names
 * send an official SDK to a loopback server; they exist for tests and staging and are refused in
 * production, so a real server can never be pointed at an imitation of a provider.
 */
import { z } from 'zod';
import { MESSAGE_KINDS, type MessageKind } from '../../shared/messaging/messageOptions.js';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const optionalUrl = (name: string) =>
  optionalText.refine((value) => value === undefined || /^https?:\/\/[^\s/]+/i.test(value), `${name} doit être une adresse http(s)://…`);

export const providerEnvShape = {
  PUBLIC_URL: optionalUrl('PUBLIC_URL'),
  AFRICASTALKING_USERNAME: optionalText,
  AFRICASTALKING_API_KEY: optionalText,
  AFRICASTALKING_SENDER_ID: optionalText,
  AFRICASTALKING_WEBHOOK_TOKEN: optionalText.refine((value) => value === undefined || value.length >= 16, 'AFRICASTALKING_WEBHOOK_TOKEN : 16 caractères aléatoires au moins'),
  AFRICASTALKING_BASE_URL: optionalUrl('AFRICASTALKING_BASE_URL'),
  TWILIO_ACCOUNT_SID: optionalText.refine((value) => value === undefined || /^AC[0-9a-zA-Z]{8,}$/.test(value), 'TWILIO_ACCOUNT_SID commence par « AC »'),
  TWILIO_AUTH_TOKEN: optionalText,
  TWILIO_WHATSAPP_FROM: optionalText.refine(
    (value) => value === undefined || /^(whatsapp:)?\+[1-9]\d{6,14}$/.test(value),
    'TWILIO_WHATSAPP_FROM doit être un numéro international, par exemple whatsapp:+22990000000',
  ),
  TWILIO_BASE_URL: optionalUrl('TWILIO_BASE_URL'),
  /**
   * The approved WhatsApp templates (Twilio Content SIDs) by message kind, as JSON:
   * {"order_ready":"HX…","fitting_reminder":"HX…"}. Outside the 24-hour window only these can
   * reach a client; a kind without one fails there with its reason. Each template receives the
   * same variables by position: {{1}} the client's name, {{2}} the workshop's name, {{3}} the
   * order's number, {{4}} the order's tracking link (cloud/notifications/whatsappContent.ts).
   */
  TWILIO_CONTENT_SIDS: optionalText.transform((value, context) => {
    if (value === undefined) return undefined;
    const sids = parseContentSids(value);
    if (typeof sids === 'string') {
      context.addIssue({ code: 'custom', message: sids });
      return z.NEVER;
    }
    return sids;
  }),
  SMTP_URL: optionalText.refine((value) => value === undefined || /^smtps?:\/\/[^\s]+$/i.test(value), 'SMTP_URL doit être une adresse smtp://… ou smtps://…'),
  MAIL_FROM: optionalText,
  FEDAPAY_SECRET_KEY: optionalText,
  FEDAPAY_ENVIRONMENT: z.enum(['sandbox', 'live'], 'FEDAPAY_ENVIRONMENT vaut « sandbox » ou « live »').default('sandbox'),
  FEDAPAY_WEBHOOK_SECRET: optionalText,
  FEDAPAY_BASE_URL: optionalUrl('FEDAPAY_BASE_URL'),
};

/** A Twilio Content SID: "HX" and 32 hexadecimal digits. */
const CONTENT_SID = /^HX[0-9a-fA-F]{32}$/;

/** TWILIO_CONTENT_SIDS read: kind → Content SID, or the French sentence that says what is wrong. */
export function parseContentSids(value: string): Partial<Record<MessageKind, string>> | string {
  const wrong = `TWILIO_CONTENT_SIDS doit être un objet JSON type de message → modèle approuvé, par exemple {"order_ready":"HX0123…"} (types : ${MESSAGE_KINDS.join(', ')}).`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return wrong;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return wrong;
  const sids: Partial<Record<MessageKind, string>> = {};
  for (const [kind, sid] of Object.entries(parsed)) {
    if (!(MESSAGE_KINDS as readonly string[]).includes(kind)) return `TWILIO_CONTENT_SIDS : type de message inconnu « ${kind} » (types : ${MESSAGE_KINDS.join(', ')}).`;
    if (typeof sid !== 'string' || !CONTENT_SID.test(sid)) return `TWILIO_CONTENT_SIDS : le modèle de « ${kind} » doit être un Content SID HX… de 34 caractères.`;
    sids[kind as MessageKind] = sid;
  }
  return sids;
}

type ProviderEnv = { [K in keyof typeof providerEnvShape]: z.output<(typeof providerEnvShape)[K]> };

export interface AfricasTalkingSettings {
  username: string;
  apiKey: string;
  /** The alphanumeric sender name or short code; null lets Africa's Talking use the account's default. */
  senderId: string | null;
  /** The secret that delivery reports carry in `?token=` (Africa's Talking signs nothing). */
  webhookToken: string;
  baseUrl: string | null;
}

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  /** Always in the `whatsapp:+…` form Twilio expects. */
  whatsappFrom: string;
  baseUrl: string | null;
  /** Approved templates by message kind (TWILIO_CONTENT_SIDS), for sends outside the 24-hour window; none when absent. */
  contentSids?: Partial<Record<MessageKind, string>>;
}

export interface SmtpSettings {
  url: string;
  from: string;
}

export interface FedaPaySettings {
  secretKey: string;
  environment: 'sandbox' | 'live';
  webhookSecret: string;
  baseUrl: string | null;
}

export interface ProviderSettings {
  africasTalking: AfricasTalkingSettings | null;
  twilio: TwilioSettings | null;
  smtp: SmtpSettings | null;
  fedapay: FedaPaySettings | null;
}

export interface ProviderSettingsInput extends ProviderEnv {
  NODE_ENV: 'development' | 'test' | 'production';
  HOST: string;
  PORT: number;
}

/** Settings, or the French sentence that says what is wrong (config.ts turns it into a ConfigError). */
export type ReadSettings = { ok: true; publicUrl: string; providers: ProviderSettings } | { ok: false; message: string };

const GROUPS: Array<{ label: string; names: Array<keyof ProviderEnv> }> = [
  { label: 'SMS (Africa’s Talking)', names: ['AFRICASTALKING_USERNAME', 'AFRICASTALKING_API_KEY', 'AFRICASTALKING_WEBHOOK_TOKEN'] },
  { label: 'WhatsApp (Twilio)', names: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_WHATSAPP_FROM'] },
  { label: 'E-mail (SMTP)', names: ['SMTP_URL', 'MAIL_FROM'] },
  { label: 'Paiements (FedaPay)', names: ['FEDAPAY_SECRET_KEY', 'FEDAPAY_WEBHOOK_SECRET'] },
];

/** The names that only make sense with their group (`AFRICASTALKING_SENDER_ID` needs the credentials too). */
const EXTRAS: Array<{ name: keyof ProviderEnv; needs: keyof ProviderEnv }> = [
  { name: 'AFRICASTALKING_SENDER_ID', needs: 'AFRICASTALKING_API_KEY' },
  { name: 'AFRICASTALKING_BASE_URL', needs: 'AFRICASTALKING_API_KEY' },
  { name: 'TWILIO_BASE_URL', needs: 'TWILIO_AUTH_TOKEN' },
  { name: 'TWILIO_CONTENT_SIDS', needs: 'TWILIO_AUTH_TOKEN' },
  { name: 'FEDAPAY_BASE_URL', needs: 'FEDAPAY_SECRET_KEY' },
];

const BASE_URLS: Array<keyof ProviderEnv> = ['AFRICASTALKING_BASE_URL', 'TWILIO_BASE_URL', 'FEDAPAY_BASE_URL'];

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export function readProviderSettings(e: ProviderSettingsInput): ReadSettings {
  for (const group of GROUPS) {
    const present = group.names.filter((name) => e[name] !== undefined);
    if (present.length > 0 && present.length < group.names.length) {
      const missing = group.names.filter((name) => e[name] === undefined);
      return { ok: false, message: `${group.label} incomplet : ${group.names.join(', ')} vont ensemble (manque : ${missing.join(', ')}).` };
    }
  }
  for (const extra of EXTRAS) {
    if (e[extra.name] !== undefined && e[extra.needs] === undefined) {
      return { ok: false, message: `${extra.name} est donné sans les identifiants de son fournisseur (${extra.needs}…).` };
    }
  }
  const production = e.NODE_ENV === 'production';
  if (production) {
    const redirected = BASE_URLS.filter((name) => e[name] !== undefined);
    if (redirected.length > 0) {
      return { ok: false, message: `${redirected.join(', ')} : réservé aux tests et à la préproduction, refusé en production (les SDK doivent parler aux vrais fournisseurs).` };
    }
  }
  const key = e.FEDAPAY_SECRET_KEY;
  if (key && /^sk_(sandbox|live)_/.test(key) && !key.startsWith(`sk_${e.FEDAPAY_ENVIRONMENT}_`)) {
    return { ok: false, message: `FEDAPAY_SECRET_KEY ne correspond pas à FEDAPAY_ENVIRONMENT=${e.FEDAPAY_ENVIRONMENT} (clé sk_sandbox_… pour sandbox, sk_live_… pour live).` };
  }
  const anyProvider = GROUPS.some((group) => e[group.names[0]!] !== undefined);
  if (production && anyProvider && !e.PUBLIC_URL) {
    return { ok: false, message: 'PUBLIC_URL manquant : en production, les liens des messages et les adresses de retour des fournisseurs en ont besoin (par exemple https://styliste.bj).' };
  }
  const publicUrl = withoutTrailingSlash(e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`);
  const from = e.TWILIO_WHATSAPP_FROM;
  return {
    ok: true,
    publicUrl,
    providers: {
      africasTalking: e.AFRICASTALKING_API_KEY
        ? {
            username: e.AFRICASTALKING_USERNAME!,
            apiKey: e.AFRICASTALKING_API_KEY,
            senderId: e.AFRICASTALKING_SENDER_ID ?? null,
            webhookToken: e.AFRICASTALKING_WEBHOOK_TOKEN!,
            baseUrl: e.AFRICASTALKING_BASE_URL ? withoutTrailingSlash(e.AFRICASTALKING_BASE_URL) : null,
          }
        : null,
      twilio: from
        ? {
            accountSid: e.TWILIO_ACCOUNT_SID!,
            authToken: e.TWILIO_AUTH_TOKEN!,
            whatsappFrom: from.startsWith('whatsapp:') ? from : `whatsapp:${from}`,
            baseUrl: e.TWILIO_BASE_URL ? withoutTrailingSlash(e.TWILIO_BASE_URL) : null,
            contentSids: e.TWILIO_CONTENT_SIDS ?? {},
          }
        : null,
      smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.MAIL_FROM! } : null,
      fedapay: e.FEDAPAY_SECRET_KEY
        ? {
            secretKey: e.FEDAPAY_SECRET_KEY,
            environment: e.FEDAPAY_ENVIRONMENT,
            webhookSecret: e.FEDAPAY_WEBHOOK_SECRET!,
            baseUrl: e.FEDAPAY_BASE_URL ? withoutTrailingSlash(e.FEDAPAY_BASE_URL) : null,
          }
        : null,
    },
  };
}
