/**
 * The cloud's side of billing for the screen: the plans on sale and the live subscription (usage,
 * credits), asked when shown and again after a sync that brought changes. Offline, `live` is null
 * and the screen keeps to the synced row.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { host } from '../../host/host.js';
import { asError } from '../../app/data.js';
import type { BillingSubscription, HostErrorShape, PlansView } from '../../../../../shared/host/channels.js';

export interface BillingState {
  plans: PlansView | null;
  live: BillingSubscription | null;
  error: HostErrorShape | null;
  reload(): void;
}

export function useBilling(): BillingState {
  const [plans, setPlans] = useState<PlansView | null>(null);
  const [live, setLive] = useState<BillingSubscription | null>(null);
  const [error, setError] = useState<HostErrorShape | null>(null);
  const generation = useRef(0);
  const reload = useCallback(() => {
    const mine = ++generation.current;
    void Promise.all([host.invoke('billing.plans', {}).catch(() => null), host.invoke('billing.subscription', {})])
      .then(([p, s]) => {
        if (mine !== generation.current) return;
        if (p) setPlans(p);
        setLive(s);
        setError(null);
      })
      .catch((e: unknown) => mine === generation.current && setError(asError(e)));
  }, []);
  useEffect(() => {
    reload();
    return host.subscribe((event) => {
      if (event.type === 'changed') reload();
    });
  }, [reload]);
  return { plans, live, error, reload };
}
