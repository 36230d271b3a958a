/**
 * What a message costs while it is typed: characters, SMS parts, encoding and credits, with the
 * characters that push an SMS out of GSM-7 named (70 characters a part instead of 160). The
 * figures are the engine's (its preview counts with sms-segments-calculator, in the host), so the
 * app's bundle carries no SMS library.
 */
import { fill, useTexts } from '../../app/locale.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import type { MessageCost } from '../../../../../shared/messaging/compose.js';
import type { MessageChannel } from './labels.js';
import { charactersLeft, visibleCharacter } from './messageText.js';

const TEXTS = defineTexts({
  fr: {
    label: 'Coût du message',
    charactersOne: '1 caractère',
    charactersMany: '{n} caractères',
    parts: '{n} SMS',
    left: 'encore {n} avant le SMS suivant',
    creditsNone: 'aucun crédit',
    creditsOne: '1 crédit',
    creditsMany: '{n} crédits',
    whatsapp: '1 message WhatsApp',
    email: 'E-mail : aucun crédit',
    nonGsmOne: '1 caractère hors GSM : {chars} — 70 caractères par SMS au lieu de 160',
    nonGsmMany: '{n} caractères hors GSM : {chars} — 70 caractères par SMS au lieu de 160',
    nonGsmWithSetting: 'Ils n’ont pas d’équivalent dans l’alphabet SMS : retirez-les pour payer moins.',
    nonGsmWithoutSetting: 'Le réglage GSM-7 (Réglages › Messages aux clients) les remplacerait par des lettres sans accent.',
    gsm7: 'Réglage GSM-7 : les accents que l’alphabet SMS n’a pas sont retirés (ï → i, ê → e).',
    estimated: 'Le lien de suivi sera écrit par le serveur : le coût est estimé.',
  },
  en: {
    label: 'Message cost',
    charactersOne: '1 character',
    charactersMany: '{n} characters',
    parts: '{n} SMS',
    left: '{n} more before the next SMS',
    creditsNone: 'no credit',
    creditsOne: '1 credit',
    creditsMany: '{n} credits',
    whatsapp: '1 WhatsApp message',
    email: 'Email: no credit',
    nonGsmOne: '1 character outside GSM: {chars} — 70 characters per SMS instead of 160',
    nonGsmMany: '{n} characters outside GSM: {chars} — 70 characters per SMS instead of 160',
    nonGsmWithSetting: 'They have no equivalent in the SMS alphabet: remove them to pay less.',
    nonGsmWithoutSetting: 'The GSM-7 setting (Settings › Messages to clients) would replace them with unaccented letters.',
    gsm7: 'GSM-7 setting: accents the SMS alphabet lacks are removed (ï → i, ê → e).',
    estimated: 'The tracking link will be written by the server: the cost is an estimate.',
  },
});

export function CostMeter({ cost, channel, estimated, gsm7 }: { cost: MessageCost; channel: MessageChannel; estimated: boolean; gsm7: boolean }) {
  const t = useTexts(TEXTS);
  const characters = cost.characters === 1 ? t.charactersOne : fill(t.charactersMany, { n: cost.characters });
  const credits = cost.credits === 0 ? t.creditsNone : cost.credits === 1 ? t.creditsOne : fill(t.creditsMany, { n: cost.credits });
  const left = channel === 'sms' && cost.characters > 0 ? charactersLeft(cost) : null;
  const chars = cost.nonGsm.map(visibleCharacter).join(' ');
  return (
    <div className="msg-cost" role="status" aria-label={t.label} data-testid="cost-meter"
      data-characters={cost.characters} data-parts={cost.parts} data-encoding={cost.encoding ?? ''} data-credits={cost.credits}>
      <p className="msg-cost-figures">
        <span data-testid="cost-characters">{characters}</span>
        {channel === 'sms' ? (
          <>
            <span data-testid="cost-parts">{fill(t.parts, { n: cost.parts })}</span>
            <span data-testid="cost-encoding">{cost.encoding}</span>
          </>
        ) : null}
        {channel === 'whatsapp' ? <span>{t.whatsapp}</span> : null}
        <strong data-testid="cost-credits">{channel === 'email' ? t.email : credits}</strong>
        {left !== null ? <span className="muted">{fill(t.left, { n: left })}</span> : null}
      </p>
      {channel === 'sms' && cost.nonGsm.length > 0 ? (
        <p className="msg-warn" data-testid="cost-non-gsm">
          {fill(cost.nonGsm.length === 1 ? t.nonGsmOne : t.nonGsmMany, { n: cost.nonGsm.length, chars })}
          <small>{gsm7 ? t.nonGsmWithSetting : t.nonGsmWithoutSetting}</small>
        </p>
      ) : null}
      {channel === 'sms' && gsm7 && cost.nonGsm.length === 0 ? <p className="muted" data-testid="cost-gsm7">{t.gsm7}</p> : null}
      {estimated ? <p className="muted">{t.estimated}</p> : null}
    </div>
  );
}
