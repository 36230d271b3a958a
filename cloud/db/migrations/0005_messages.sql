-- Messages to clients (issue 9, sync schema 3): the synced messages and templates, the tracking link's token,
-- the SMS settings, the credits ledger (insert-only for the application's role, client.ts) and WhatsApp's 24-hour window.
CREATE TABLE "credit_ledger" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "credit_ledger_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workshop_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount" integer NOT NULL,
	"message_id" uuid,
	"reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credit_ledger" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "message_templates" (
	"workshop_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text,
	"channel" text,
	"body" text,
	"clocks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"seqs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "message_templates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "messages" (
	"workshop_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" text,
	"order_id" text,
	"channel" text,
	"to" text,
	"body" text,
	"kind" text,
	"status" text,
	"created_at" text,
	"created_by" text,
	"deleted_at" text,
	"provider_id" text,
	"segments" bigint,
	"credits" bigint,
	"sent_at" text,
	"delivered_at" text,
	"failure_reason" text,
	"clocks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"seqs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "whatsapp_inbound" (
	"phone" text PRIMARY KEY NOT NULL,
	"last_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "tracking_token" text;--> statement-breakpoint
ALTER TABLE "workshop" ADD COLUMN "sms_gsm7" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "workshop" ADD COLUMN "balance_reminder_days" bigint DEFAULT 3 NOT NULL;--> statement-breakpoint
CREATE INDEX "credit_ledger_workshop" ON "credit_ledger" USING btree ("workshop_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_ledger_message_kind" ON "credit_ledger" USING btree ("message_id","kind") WHERE message_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "message_templates_workshop_seq" ON "message_templates" USING btree ("workshop_id","last_seq");--> statement-breakpoint
CREATE INDEX "messages_workshop_seq" ON "messages" USING btree ("workshop_id","last_seq");--> statement-breakpoint
CREATE INDEX "messages_workshop_client_id" ON "messages" USING btree ("workshop_id","client_id");--> statement-breakpoint
CREATE INDEX "messages_workshop_order_id" ON "messages" USING btree ("workshop_id","order_id");--> statement-breakpoint
CREATE INDEX "messages_provider_id" ON "messages" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "messages_status" ON "messages" USING btree ("status");--> statement-breakpoint
CREATE INDEX "fittings_at" ON "fittings" USING btree ("at");--> statement-breakpoint
CREATE INDEX "orders_tracking_token" ON "orders" USING btree ("tracking_token");--> statement-breakpoint
CREATE INDEX "orders_status" ON "orders" USING btree ("status");--> statement-breakpoint
CREATE POLICY "credit_ledger_workshop_isolation" ON "credit_ledger" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "message_templates_workshop_isolation" ON "message_templates" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "messages_workshop_isolation" ON "messages" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
-- Workshops made before the ledger get the trial's grant (TRIAL_CREDITS, shared/messaging/messageOptions.ts).
INSERT INTO "credit_ledger" ("workshop_id", "kind", "amount", "reference") SELECT "workshop_id", 'grant', 50, 'trial' FROM "workshop";
