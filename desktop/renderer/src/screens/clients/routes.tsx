/** The clients screens, by route. */
import type { ScreenRoute } from '../../app/routeTypes.js';

export const clientsRoutes: ScreenRoute[] = [];
