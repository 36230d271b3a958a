/**
 * The app's language: French by default, English available. Each screen keeps its texts in a
 * catalogue next to it (`defineTexts({ fr: {...}, en: {...} })`, shared/i18n/texts.ts) and
 * reads the current language's strings with `useTexts`; placeholders are filled with `fill`.
 * The host is told the language too, so that its messages, the engine's and the cloud's follow.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { host } from '../host/host.js';
import { LOCALES, type Catalogue, type Locale } from '../../../../shared/i18n/texts.js';

export type { Locale };
export { fill } from '../../../../shared/i18n/texts.js';

/** The other language, for the switch button. */
export function otherLocale(locale: Locale): Locale {
  return LOCALES.find((l) => l !== locale) ?? locale;
}

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
  useEffect(() => {
    document.documentElement.lang = locale;
    void host.invoke('app.setLocale', { locale }).catch(() => undefined);
  }, [locale]);
  const setLocale = (next: Locale) => {
    setState(next);
    try {
      localStorage.setItem('styliste.locale', next);
    } catch {
      /* private mode: keep it for this visit */
    }
  };
  return <LocaleContext.Provider value={{ locale, setLocale }}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}

/** The strings of a catalogue in the current language. */
export function useTexts<K extends string>(catalogue: Catalogue<K>): Readonly<Record<K, string>> {
  return catalogue[useLocale().locale];
}
