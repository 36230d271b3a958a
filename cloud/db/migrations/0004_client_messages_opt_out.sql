-- clients.messages_opt_out, mirrored from the engine (sync schema 2, shared/sync/schemaEvolution.ts): the client
-- does not want messages. Absent in a new row means false, here as on the devices.
ALTER TABLE "clients" ADD COLUMN "messages_opt_out" boolean DEFAULT false NOT NULL;
