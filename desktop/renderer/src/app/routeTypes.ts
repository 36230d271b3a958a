import type { ReactNode } from 'react';
import type { Route } from './router.js';

/** One screen: `match` says whether it owns the route (its parts after '#/'). */
export interface ScreenRoute {
  match(route: Route): boolean;
  render(route: Route): ReactNode;
}
