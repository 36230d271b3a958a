/** The orders screens, by route: 'orders' (board), 'orders/new' (?client=ID), 'orders/ID' (detail). */
import type { ScreenRoute } from '../../app/routeTypes.js';
import { OrdersScreen } from './OrdersScreen.js';
import { NewOrderScreen } from './NewOrderScreen.js';
import { OrderScreen } from './OrderScreen.js';

export const ordersRoutes: ScreenRoute[] = [
  { match: (r) => r.parts[0] === 'orders' && r.parts.length === 1, render: () => <OrdersScreen /> },
  { match: (r) => r.parts[0] === 'orders' && r.parts[1] === 'new' && r.parts.length === 2, render: (r) => <NewOrderScreen key={r.query.get('client') ?? ''} /> },
  { match: (r) => r.parts[0] === 'orders' && r.parts.length === 2, render: (r) => <OrderScreen key={r.parts[1]} id={r.parts[1]!} /> },
];
