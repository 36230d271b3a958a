/** The workshop screens, by route. */
import type { ScreenRoute } from '../../app/routeTypes.js';

export const workshopRoutes: ScreenRoute[] = [];
