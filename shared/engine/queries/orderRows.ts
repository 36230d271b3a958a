/** The one shape an order takes in lists, with its balance computed from payments. */
import type { OrderStatus } from '../../domain/orderStatus.js';
import { balanceDue } from '../../domain/payments.js';

export interface OrderSummary {
  id: string;
  number: string;
  clientId: string;
  clientName: string;
  clientPhone: string | null;
  /** The client's WhatsApp number, if given; WhatsApp opens on it, else on the phone (`whatsappNumber`, messaging/recipients.ts). */
  clientWhatsapp: string | null;
  garmentTypeId: string | null;
  description: string | null;
  status: OrderStatus;
  urgency: 'normal' | 'high' | 'urgent';
  price: number;
  paid: number;
  /** What the client still owes (0 or less once paid; for a cancelled order, minus what is to refund). */
  balance: number;
  promisedDate: string;
  assignedTo: string | null;
  createdAt: string;
}

export type OrderSummaryRow = Omit<OrderSummary, 'balance'>;

/** Columns of OrderSummaryRow; the query must join `orders o` with `clients c`. */
export const ORDER_SUMMARY_COLUMNS = `o.id, o.number, o.client_id AS clientId, c.name AS clientName, c.phone AS clientPhone, c.whatsapp AS clientWhatsapp,
  o.garment_type_id AS garmentTypeId, o.description, o.status, o.urgency, o.price,
  o.paid AS paid,
  o.promised_date AS promisedDate, o.assigned_to AS assignedTo, o.created_at AS createdAt`;

export function toOrderSummary(row: OrderSummaryRow): OrderSummary {
  return { ...row, balance: balanceDue(row.price, row.status, [{ amount: row.paid }]) };
}
