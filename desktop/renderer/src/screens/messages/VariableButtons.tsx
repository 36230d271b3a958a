/** Buttons that put a template variable ({client}, {solde}…) where the cursor is in a message's text. */
import type { RefObject } from 'react';
import { fill, useTexts } from '../../app/locale.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import type { TemplateVariable } from '../../../../../shared/messaging/templates.js';
import { insertAt, token } from './messageText.js';

const TEXTS = defineTexts({
  fr: {
    insert: 'Insérer :',
    insertOne: 'Insérer {token} ({meaning})',
    client: 'nom du client',
    numero: 'numéro de commande',
    atelier: 'nom de l’atelier',
    date: 'date promise, ou jour de l’essayage',
    heure: 'heure de l’essayage',
    solde: 'reste à payer',
    lien: 'lien de suivi de la commande',
  },
  en: {
    insert: 'Insert:',
    insertOne: 'Insert {token} ({meaning})',
    client: 'client’s name',
    numero: 'order number',
    atelier: 'workshop name',
    date: 'promised date, or the fitting’s day',
    heure: 'fitting time',
    solde: 'balance due',
    lien: 'order tracking link',
  },
});

/**
 * Inserts into a controlled textarea at its cursor (at the end when it never had the focus),
 * gives it the focus back with the cursor after the variable.
 */
export function insertIntoArea(area: HTMLTextAreaElement | null, value: string, insert: string, onChange: (next: string) => void): void {
  const start = area && document.activeElement === area ? area.selectionStart : (area?.selectionStart ?? value.length);
  const end = area && document.activeElement === area ? area.selectionEnd : start;
  const next = insertAt(value, insert, start, end);
  onChange(next.text);
  requestAnimationFrame(() => {
    if (!area) return;
    area.focus();
    area.setSelectionRange(next.cursor, next.cursor);
  });
}

export function VariableButtons({ variables, areaRef, value, onChange, disabled }: {
  variables: readonly TemplateVariable[];
  areaRef: RefObject<HTMLTextAreaElement | null>;
  value: string;
  onChange(next: string): void;
  disabled?: boolean;
}) {
  const t = useTexts(TEXTS);
  return (
    <div className="msg-variables row" role="group" aria-label={t.insert}>
      <span className="muted">{t.insert}</span>
      {variables.map((name) => (
        <button key={name} type="button" className="small" disabled={disabled} title={t[name]}
          aria-label={fill(t.insertOne, { token: token(name), meaning: t[name] })}
          // Keep the textarea's selection: the click must not take the focus first.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => insertIntoArea(areaRef.current, value, token(name), onChange)}>
          {token(name)}
        </button>
      ))}
    </div>
  );
}
