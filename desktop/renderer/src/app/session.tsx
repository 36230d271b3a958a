/** The signed-in session (user, workshop, role), loaded from the host at start. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { host } from '../host/host.js';
import type { SessionInfo } from '../../../../shared/host/channels.js';
import { can, type Action, type Role } from '../../../../shared/domain/roleTable.js';
import type { SyncedTableName } from '../../../../shared/domain/tables.js';

interface SessionState {
  session: SessionInfo | null | undefined;
  setSession(session: SessionInfo | null): void;
  refresh(): Promise<void>;
  /** Set when the owner removed our access: the local data was erased. */
  lockedReason: string | null;
}

const SessionContext = createContext<SessionState>({ session: undefined, setSession: () => undefined, refresh: async () => undefined, lockedReason: null });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [lockedReason, setLockedReason] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    setSession(await host.invoke('session.get').catch(() => null));
  }, []);
  useEffect(() => {
    void refresh();
    return host.subscribe((event) => {
      if (event.type === 'locked') {
        setLockedReason(event.reason);
        setSession(null);
      }
    });
  }, [refresh]);
  return <SessionContext.Provider value={{ session, setSession, refresh, lockedReason }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  return useContext(SessionContext);
}

/** The signed-in member's role; a viewer's rights until the session is known. */
export function useRole(): Role {
  return useSession().session?.member.role ?? 'viewer';
}

/** `can(table, action)` for the signed-in member: the engine's own role table decides what the screens offer. */
export function useCan(): (table: SyncedTableName, action: Action) => boolean {
  const role = useRole();
  return (table, action) => can(role, table, action);
}
