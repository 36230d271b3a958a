/** The new-order form's state and the createOrder input it turns into. */
import type { PaymentMethod } from '../../../../../../shared/domain/payments.js';
import type { CommandInput } from '../../../../../../shared/engine/engine.js';
import { typedNumber, type Urgency } from '../labels.js';

export interface OrderDraft {
  clientId: string;
  garmentTypeId: string;
  description: string;
  fabricSource: 'client' | 'workshop';
  fabricPagnes: string;
  fabricPhoto: string | null;
  modelPhoto: string | null;
  price: string;
  /** The price was typed by hand: choosing another garment no longer replaces it. */
  priceTouched: boolean;
  deposit: string;
  method: PaymentMethod;
  urgency: Urgency;
  status: 'confirmed' | 'quote';
  /** '' keeps the suggested date. */
  promisedDate: string;
  internalNote: string;
}

export function emptyDraft(clientId: string): OrderDraft {
  return {
    clientId,
    garmentTypeId: '',
    description: '',
    fabricSource: 'client',
    fabricPagnes: '',
    fabricPhoto: null,
    modelPhoto: null,
    price: '',
    priceTouched: false,
    deposit: '',
    method: 'cash',
    urgency: 'normal',
    status: 'confirmed',
    promisedDate: '',
    internalNote: '',
  };
}

/** Fields the form shows the engine's errors on; any other error goes to the banner. */
export const SHOWN_FIELDS = new Set(['clientId', 'garmentTypeId', 'description', 'fabricPagnes', 'price', 'deposit', 'urgency', 'status', 'promisedDate', 'internalNote']);

/** The createOrder input (the screen makes sure a client is chosen). */
export function createOrderInput(draft: OrderDraft, measurementSheetId: string | null): CommandInput<'createOrder'> {
  const deposit = typedNumber(draft.deposit);
  return {
    clientId: draft.clientId,
    garmentTypeId: draft.garmentTypeId || null,
    description: draft.description,
    fabricSource: draft.fabricSource,
    fabricPagnes: typedNumber(draft.fabricPagnes) ?? null,
    fabricPhoto: draft.fabricPhoto,
    modelPhoto: draft.modelPhoto,
    measurementSheetId,
    price: typedNumber(draft.price),
    urgency: draft.urgency,
    status: draft.status,
    promisedDate: draft.promisedDate || undefined,
    internalNote: draft.internalNote,
    deposit: deposit === undefined || deposit === 0 ? null : { amount: deposit, method: draft.method },
  };
}
