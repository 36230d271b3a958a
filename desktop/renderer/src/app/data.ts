/**
 * Hooks over the host API: `useQuery` runs an engine query and runs it again whenever the
 * workshop changes (a local command or changes pulled by sync); `useCommand` runs a command and
 * keeps its French error (with the field it names) for the form to show.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { host } from '../host/host.js';
import { engineClient, type HostErrorShape, type QueryArgsParam } from '../../../../shared/host/channels.js';
import type { CommandInput, CommandName, CommandResult, QueryArgs, QueryName, QueryResult } from '../../../../shared/engine/engine.js';

export const engine = engineClient(host);

export function asError(error: unknown): HostErrorShape {
  if (error && typeof error === 'object' && 'message' in error) {
    const e = error as Partial<HostErrorShape>;
    return { code: e.code ?? 'error', message: String(e.message), ...(e.field ? { field: e.field } : {}) };
  }
  return { code: 'error', message: String(error) };
}

export interface QueryState<T> {
  data: T | undefined;
  error: HostErrorShape | null;
  loading: boolean;
  reload(): void;
}

/** A query's arguments (optional when its schema has a default), then whether to run it now. */
type UseQueryParams<N extends QueryName> = undefined extends QueryArgs<N>
  ? [args?: QueryArgs<N>, enabled?: boolean]
  : [args: QueryArgs<N>, enabled?: boolean];

export function useQuery<N extends QueryName>(name: N, ...[args, enabled = true]: UseQueryParams<N>): QueryState<QueryResult<N>> {
  const [data, setData] = useState<QueryResult<N>>();
  const [error, setError] = useState<HostErrorShape | null>(null);
  const [loading, setLoading] = useState(enabled);
  const key = JSON.stringify(args ?? null);
  const generation = useRef(0);
  const run = useCallback(() => {
    if (!enabled) return;
    const mine = ++generation.current;
    setLoading(true);
    engine
      .query(name, ...([args] as QueryArgsParam<N>))
      .then((value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(null);
      })
      .catch((e: unknown) => mine === generation.current && setError(asError(e)))
      .finally(() => mine === generation.current && setLoading(false));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name, key, enabled]);
  useEffect(() => {
    run();
    return host.subscribe((event) => {
      if (event.type === 'changed') run();
    });
  }, [run]);
  return { data, error, loading, reload: run };
}

export function useCommand<N extends CommandName>(name: N) {
  const [error, setError] = useState<HostErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (input: CommandInput<N>): Promise<CommandResult<N> | null> => {
      setBusy(true);
      setError(null);
      try {
        return await engine.execute(name, input);
      } catch (e) {
        setError(asError(e));
        return null;
      } finally {
        setBusy(false);
      }
    },
    [name],
  );
  return { run, error, busy, clearError: () => setError(null) };
}
