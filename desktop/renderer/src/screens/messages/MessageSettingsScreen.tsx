/**
 * Settings › Messages to clients: the credits, the GSM-7 rewrite and the balance reminder's days,
 * then each automatic message (order recorded, ready, fitting tomorrow, balance due, thanks on
 * delivery) with its channel and template. The owner edits; the staff see them and are told why
 * they cannot change them.
 */
import { useQuery } from '../../app/data.js';
import { useTexts } from '../../app/locale.js';
import { useCan } from '../../app/session.js';
import { href } from '../../app/router.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { ErrorBanner, Loading, Page } from '../../ui/components.js';
import { CreditsCard } from './CreditsBalance.js';
import { MessageOptions } from './MessageOptions.js';
import { TemplateEditor } from './TemplateEditor.js';
import { useExample } from './useExample.js';
import './messages.css';

const TEXTS = defineTexts({
  fr: {
    title: 'Messages aux clients',
    back: '← Réglages de l’atelier',
    intro: 'Styliste prévient vos clients tout seul, au moment qui compte. Chaque message part par le canal choisi ; un client qui a demandé à ne pas en recevoir n’en reçoit aucun.',
    readOnly: 'Seul le propriétaire de l’atelier peut modifier les messages automatiques, leurs textes et ces réglages. Vous pouvez les consulter.',
    automatic: 'Messages automatiques',
  },
  en: {
    title: 'Messages to clients',
    back: '← Workshop settings',
    intro: 'Styliste tells your clients on its own, when it matters. Each message goes by the chosen channel; a client who asked for none receives none.',
    readOnly: 'Only the workshop’s owner can change the automatic messages, their texts and these settings. You can look at them.',
    automatic: 'Automatic messages',
  },
});

export function MessageSettingsScreen() {
  const t = useTexts(TEXTS);
  const can = useCan();
  const settings = useQuery('settings');
  const templates = useQuery('messageTemplates');
  const { example } = useExample();
  const editTemplates = can('message_templates', 'update');
  const editSettings = can('workshop', 'update');
  return (
    <Page title={t.title}>
      <p><a href={href('settings')}>{t.back}</a></p>
      <p className="muted">{t.intro}</p>
      {!editTemplates ? <p className="msg-warn" role="note" data-testid="templates-read-only">{t.readOnly}</p> : null}
      <ErrorBanner error={settings.error ?? templates.error} />
      <div className="grid two">
        {settings.data ? <MessageOptions key={settings.data.id} settings={settings.data} editable={editSettings} /> : <Loading />}
        <CreditsCard />
      </div>
      <h2>{t.automatic}</h2>
      {!templates.data || !settings.data ? <Loading /> : (
        <div className="grid two">
          {templates.data.map((template) => (
            <TemplateEditor key={template.kind} template={template} example={example} gsm7={settings.data!.smsGsm7}
              balanceDays={settings.data!.balanceReminderDays} editable={editTemplates} />
          ))}
        </div>
      )}
    </Page>
  );
}
