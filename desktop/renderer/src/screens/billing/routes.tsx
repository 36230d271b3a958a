/** The billing screen, by route: 'billing'. */
import type { ScreenRoute } from '../../app/routeTypes.js';
import { BillingScreen } from './BillingScreen.js';

export const billingRoutes: ScreenRoute[] = [{ match: (r) => r.parts[0] === 'billing', render: () => <BillingScreen /> }];
