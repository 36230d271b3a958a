/** The workshop screens: first-run set-up, settings, team and devices. */
import type { ScreenRoute } from '../../app/routeTypes.js';
import { SettingsScreen } from './SettingsScreen.js';
import { TeamScreen } from './TeamScreen.js';

export const workshopRoutes: ScreenRoute[] = [
  { match: (r) => r.parts[0] === 'setup', render: () => <SettingsScreen setup /> },
  // 'settings' (its sub-pages, such as 'settings/messages', are their areas')
  { match: (r) => r.parts[0] === 'settings' && r.parts.length === 1, render: () => <SettingsScreen /> },
  { match: (r) => r.parts[0] === 'team', render: () => <TeamScreen /> },
];
