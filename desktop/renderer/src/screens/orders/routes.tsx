/** The orders screens, by route. */
import type { ScreenRoute } from '../../app/routeTypes.js';

export const ordersRoutes: ScreenRoute[] = [];
