/** The messages screens, by route: 'settings/messages' (automatic messages, templates, credits). */
import type { ScreenRoute } from '../../app/routeTypes.js';
import { MessageSettingsScreen } from './MessageSettingsScreen.js';

export const messagesRoutes: ScreenRoute[] = [
  { match: (r) => r.parts.length === 2 && r.parts[0] === 'settings' && r.parts[1] === 'messages', render: () => <MessageSettingsScreen /> },
];
