/** Small building blocks shared by the screens. */
import { useId, useState, type ReactNode, type InputHTMLAttributes, type SelectHTMLAttributes } from 'react';
import { SelectField, TextField } from './fields.js';
import type { HostErrorShape } from '../../../../shared/host/channels.js';

export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="page">
      <header className="page-head">
        <h1>{title}</h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

export function ErrorBanner({ error }: { error: HostErrorShape | null | undefined }) {
  if (!error) return null;
  return (
    <p className="error-banner" role="alert">
      {error.message}
    </p>
  );
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  error?: HostErrorShape | null;
  hint?: string;
}

/** A labelled input (see ui/fields.tsx); shows the error when it names this field. */
export function Field(props: FieldProps) {
  const id = useId();
  return <TextField {...props} id={props.id ?? id} />;
}

interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  name: string;
  options: { value: string; label: string }[];
  error?: HostErrorShape | null;
}

export function Select(props: SelectProps) {
  const id = useId();
  return <SelectField {...props} id={props.id ?? id} />;
}

/** A button that asks before doing something that cannot be undone. */
export function ConfirmButton({ label, question, confirm, cancel, onConfirm, className }: {
  label: string;
  question: string;
  confirm: string;
  cancel: string;
  onConfirm(): void;
  className?: string;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className={className ?? 'danger'} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="alertdialog" aria-label={question}>
      <span>{question}</span>
      <button type="button" className="danger" onClick={() => { setAsking(false); onConfirm(); }}>
        {confirm}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {cancel}
      </button>
    </span>
  );
}

export function ProgressBar({ fraction, label }: { fraction: number | null; label: string }) {
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}>
      <div className={fraction === null ? 'bar indeterminate' : 'bar'} style={fraction === null ? undefined : { width: `${Math.round(fraction * 100)}%` }} />
      <span>{label}</span>
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function Loading() {
  return <p className="loading" aria-busy="true">…</p>;
}
