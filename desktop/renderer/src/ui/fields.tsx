/**
 * Labelled inputs whose label holds ONLY the label text (hint and error sit beside it, linked
 * with aria-describedby), so that "find the input by its label" always finds exactly one — a
 * label wrapped around a <select> would otherwise also read out every option.
 */
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import type { HostErrorShape } from '../../../../shared/host/channels.js';

interface Common {
  id: string;
  label: string;
  name: string;
  /** Shown under the control when its `field` is this control's name. */
  error?: HostErrorShape | null;
  hint?: string;
}

function invalidFor(name: string, error: HostErrorShape | null | undefined): string | null {
  return error && error.field === name ? error.message : null;
}

function Frame({ id, label, hint, message, children }: { id: string; label: string; hint?: string; message: string | null; children: ReactNode }) {
  return (
    <div className={`field${message ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {message ? <small className="field-error" id={`${id}-error`}>{message}</small> : hint ? <small id={`${id}-hint`}>{hint}</small> : null}
    </div>
  );
}

function describedBy(id: string, message: string | null, hint?: string): string | undefined {
  return message ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

export function TextField({ id, label, name, error, hint, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const message = invalidFor(name, error);
  return (
    <Frame id={id} label={label} hint={hint} message={message}>
      <input id={id} name={name} aria-invalid={message ? true : undefined} aria-describedby={describedBy(id, message, hint)} {...input} />
    </Frame>
  );
}

export function SelectField({ id, label, name, error, hint, options, ...select }: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const message = invalidFor(name, error);
  return (
    <Frame id={id} label={label} hint={hint} message={message}>
      <select id={id} name={name} aria-invalid={message ? true : undefined} aria-describedby={describedBy(id, message, hint)} {...select}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </Frame>
  );
}

export function TextAreaField({ id, label, name, error, hint, ...area }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const message = invalidFor(name, error);
  return (
    <Frame id={id} label={label} hint={hint} message={message}>
      <textarea id={id} name={name} aria-invalid={message ? true : undefined} aria-describedby={describedBy(id, message, hint)} {...area} />
    </Frame>
  );
}
