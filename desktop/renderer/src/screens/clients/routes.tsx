/** The clients screens and the Today screen, by route. */
import type { ScreenRoute } from '../../app/routeTypes.js';
import { TodayScreen } from '../today/TodayScreen.js';
import { ClientsScreen } from './ClientsScreen.js';
import { ClientScreen } from './ClientScreen.js';
import { MeasurementsScreen } from './MeasurementsScreen.js';
import './screens.css';

export const clientsRoutes: ScreenRoute[] = [
  // 'today'
  { match: (r) => r.parts.length === 1 && r.parts[0] === 'today', render: () => <TodayScreen /> },
  // 'clients' (?q=search, ?new=1 opens the new-client form)
  { match: (r) => r.parts.length === 1 && r.parts[0] === 'clients', render: (r) => <ClientsScreen route={r} /> },
  // 'clients/ID'
  {
    match: (r) => r.parts.length === 2 && r.parts[0] === 'clients',
    render: (r) => <ClientScreen key={r.parts[1]} id={r.parts[1] ?? ''} />,
  },
  // 'clients/ID/measurements' (?garment=GID, or ?garment=none)
  {
    match: (r) => r.parts.length === 3 && r.parts[0] === 'clients' && r.parts[2] === 'measurements',
    render: (r) => <MeasurementsScreen key={r.parts[1]} clientId={r.parts[1] ?? ''} route={r} />,
  },
];
