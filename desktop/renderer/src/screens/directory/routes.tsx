/** The directory screen, by route: 'directory', 'directory/portfolio', 'directory/stats'. */
import type { ScreenRoute } from '../../app/routeTypes.js';
import { DirectoryScreen } from './DirectoryScreen.js';

export const directoryRoutes: ScreenRoute[] = [{ match: (r) => r.parts[0] === 'directory', render: (r) => <DirectoryScreen route={r} /> }];
