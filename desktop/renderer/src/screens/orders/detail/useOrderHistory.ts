/**
 * The history of an order closed long ago may be missing on this device (a first sync leaves it
 * out, shared/domain/history.ts). When the order detail says so, fetch it once from the hub; if
 * that fails (offline), try again after the next successful sync, or when the user asks.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { host } from '../../../host/host.js';

export type HistoryLoad = 'idle' | 'loading' | 'failed';

export function useOrderHistory(orderId: string, complete: boolean | undefined): { state: HistoryLoad; retry(): void } {
  const [state, setState] = useState<HistoryLoad>('idle');
  const tried = useRef<string | null>(null);
  const load = useCallback(() => {
    setState('loading');
    // On success the host announces a change: the order detail is read again, now complete.
    host.invoke('orders.loadHistory', { orderId }).then(
      () => setState('idle'),
      () => setState('failed'),
    );
  }, [orderId]);

  useEffect(() => {
    if (complete !== false || tried.current === orderId) return;
    tried.current = orderId;
    load();
  }, [orderId, complete, load]);

  useEffect(() => {
    if (state !== 'failed') return;
    return host.subscribe((event) => {
      if (event.type === 'sync' && event.state.status === 'idle') load();
    });
  }, [state, load]);

  return { state, retry: load };
}
