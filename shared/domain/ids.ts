import { v7 as uuidv7, validate as uuidValidate } from 'uuid';

/** Time-ordered unique id (UUIDv7) for rows and mutations: sortable, safe to make offline. */
export function newId(): string {
  return uuidv7();
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidValidate(value);
}
