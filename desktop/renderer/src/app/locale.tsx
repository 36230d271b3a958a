/**
 * The app's language: French by default, English available. Each screen keeps its own texts as
 * `{ fr: {...}, en: {...} }` next to it and picks them with `useTexts`.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';

export type Locale = 'fr' | 'en';

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

const LocaleContext = createContext<LocaleState>({ locale: 'fr', setLocale: () => undefined });

function initialLocale(): Locale {
  try {
    return localStorage.getItem('styliste.locale') === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(initialLocale);
  const setLocale = (next: Locale) => {
    setState(next);
    try {
      localStorage.setItem('styliste.locale', next);
    } catch {
      /* private mode: keep it for this visit */
    }
    document.documentElement.lang = next;
  };
  return <LocaleContext.Provider value={{ locale, setLocale }}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}

export function useTexts<T>(texts: { fr: T; en: T }): T {
  return texts[useLocale().locale];
}
