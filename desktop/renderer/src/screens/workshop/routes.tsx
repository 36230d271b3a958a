/** The workshop screens: first-run set-up, settings, team and devices. */
import type { ScreenRoute } from '../../app/routeTypes.js';
import { SettingsScreen } from './SettingsScreen.js';
import { TeamScreen } from './TeamScreen.js';

export const workshopRoutes: ScreenRoute[] = [
  { match: (r) => r.parts[0] === 'setup', render: () => <SettingsScreen setup /> },
  { match: (r) => r.parts[0] === 'settings', render: () => <SettingsScreen /> },
  { match: (r) => r.parts[0] === 'team', render: () => <TeamScreen /> },
];
