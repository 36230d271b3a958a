/**
 * The workshop's message credits from the host (`messages.credits`): asked when shown, and again
 * after a sync that brought changes (a message sent or refunded moves the balance).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { host } from '../../host/host.js';
import { asError } from '../../app/data.js';
import type { CreditsView, HostErrorShape } from '../../../../../shared/host/channels.js';

export function useCredits(enabled = true): { credits: CreditsView | null; error: HostErrorShape | null; reload(): void } {
  const [credits, setCredits] = useState<CreditsView | null>(null);
  const [error, setError] = useState<HostErrorShape | null>(null);
  const generation = useRef(0);
  const reload = useCallback(() => {
    if (!enabled) return;
    const mine = ++generation.current;
    host
      .invoke('messages.credits', {})
      .then((value) => {
        if (mine !== generation.current) return;
        setCredits(value);
        setError(null);
      })
      .catch((e: unknown) => mine === generation.current && setError(asError(e)));
  }, [enabled]);
  useEffect(() => {
    reload();
    return host.subscribe((event) => {
      if (event.type === 'sync' && event.state.status === 'idle' && (event.state.lastReport?.pulled ?? 0) > 0) reload();
    });
  }, [reload]);
  return { credits, error, reload };
}
