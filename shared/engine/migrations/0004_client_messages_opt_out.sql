-- clients.messages_opt_out (synced, sync schema 2: shared/sync/schemaEvolution.ts): the client does not want
-- messages. Optional in a new row (absent = false), so devices of the previous version keep creating clients.
-- A database synced before this version pulls the clients again at its next sync (Engine.open notes it).
ALTER TABLE `clients` ADD `messages_opt_out` integer DEFAULT false NOT NULL;
