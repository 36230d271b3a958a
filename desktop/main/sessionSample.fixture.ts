/** A session as the cloud gives it (test data). */
import type { StoredSession } from '../../shared/host/ports.js';

export function sampleSession(): StoredSession {
  return {
    accessToken: 'eyJhbGciOiJIUzI1NiJ9.access-token-secret.signature',
    refreshToken: 'refresh-token-0123456789abcdef-SECRET',
    user: { id: '01970000-0000-7000-8000-000000000001', name: 'Aïcha Dossou', phone: '+2290197000000', email: null },
    workshop: { id: '01970000-0000-7000-8000-0000000000aa', name: 'Atelier Chez Aïcha' },
    member: { id: '01970000-0000-7000-8000-0000000000bb', role: 'owner' },
    serverUrl: 'https://styliste.bj',
    deviceCode: 'A',
  };
}
