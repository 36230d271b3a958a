/**
 * The client and order a template's preview is shown with, on the settings: an order that is ready
 * (the most common message), else any open or recent order, else a client without an order.
 */
import { useQuery } from '../../app/data.js';

export interface Example {
  clientId: string;
  clientName: string;
  orderId: string | null;
  orderNumber: string | null;
}

export function useExample(): { example: Example | null; loading: boolean } {
  const board = useQuery('orderBoard');
  const columns = board.data;
  const orders = columns ? [...(columns.find((c) => c.status === 'ready')?.orders ?? []), ...columns.flatMap((c) => c.orders)] : [];
  const first = orders[0];
  const clients = useQuery('searchClients', { query: '', limit: 1, offset: 0 }, columns !== undefined && !first);
  if (first) return { example: { clientId: first.clientId, clientName: first.clientName, orderId: first.id, orderNumber: first.number }, loading: false };
  const client = clients.data?.[0];
  if (client) return { example: { clientId: client.id, clientName: client.name, orderId: null, orderNumber: null }, loading: false };
  return { example: null, loading: !columns || clients.loading };
}
