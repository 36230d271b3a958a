CREATE TABLE "change_log" (
	"workshop_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"tbl" text NOT NULL,
	"row_id" uuid NOT NULL,
	"hlc" text NOT NULL,
	"fields" jsonb NOT NULL,
	"mutation_id" uuid,
	"device_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "change_log_workshop_id_seq_pk" PRIMARY KEY("workshop_id","seq")
);
--> statement-breakpoint
ALTER TABLE "change_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "clients" (
	"workshop_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text,
	"phone" text,
	"whatsapp" text,
	"email" text,
	"gender" text,
	"notes" text,
	"preferred_channel" text,
	"created_at" text,
	"deleted_at" text,
	"clocks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"seqs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clients" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workshop_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "devices" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "fittings" (
	"workshop_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" text,
	"at" text,
	"status" text,
	"note" text,
	"deleted_at" text,
	"clocks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"seqs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fittings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "garment_types" (
	"workshop_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text,
	"duration_days" bigint,
	"default_price" bigint,
	"measurement_fields" jsonb,
	"custom_fields" jsonb,
	"position" bigint,
	"deleted_at" text,
	"clocks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"seqs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "garment_types" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "invites" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workshop_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"code_hash" text NOT NULL,
	"created_by" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invites" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "measurement_sheets" (
	"workshop_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" text,
	"garment_type_id" text,
	"unit" text,
	"values" jsonb,
	"note" text,
	"taken_at" text,
	"taken_by" text,
	"deleted_at" text,
	"clocks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"seqs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "measurement_sheets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "members" (
	"workshop_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text,
	"phone" text,
	"role" text,
	"deleted_at" text,
	"user_id" uuid,
	"clocks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"seqs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "order_events" (
	"workshop_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" text,
	"at" text,
	"by" text,
	"type" text,
	"data" jsonb,
	"clocks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"seqs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "order_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "orders" (
	"workshop_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text,
	"client_id" text,
	"garment_type_id" text,
	"description" text,
	"fabric_source" text,
	"fabric_pagnes" bigint,
	"fabric_photo" text,
	"model_photo" text,
	"measurements" jsonb,
	"price" bigint,
	"urgency" text,
	"status" text,
	"assigned_to" text,
	"promised_date" text,
	"internal_note" text,
	"created_at" text,
	"created_by" text,
	"deleted_at" text,
	"clocks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"seqs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "payments" (
	"workshop_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" text,
	"amount" bigint,
	"method" text,
	"kind" text,
	"reverses" text,
	"paid_at" text,
	"note" text,
	"recorded_by" text,
	"clocks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"seqs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"family_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"workshop_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"device_id" uuid,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"email" text,
	"password_hash" text NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshop" (
	"workshop_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text,
	"phone" text,
	"city" text,
	"country" text,
	"timezone" text,
	"currency" text,
	"working_days" jsonb,
	"closing_days" jsonb,
	"capacity" bigint,
	"unit" text,
	"created_at" text,
	"clocks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"seqs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workshop" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "workshop_sync" (
	"workshop_id" uuid PRIMARY KEY NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"next_device_number" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workshop_sync" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE UNIQUE INDEX "change_log_mutation" ON "change_log" USING btree ("workshop_id","mutation_id") WHERE mutation_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "clients_workshop_seq" ON "clients" USING btree ("workshop_id","last_seq");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_workshop_code" ON "devices" USING btree ("workshop_id","code");--> statement-breakpoint
CREATE INDEX "fittings_workshop_seq" ON "fittings" USING btree ("workshop_id","last_seq");--> statement-breakpoint
CREATE INDEX "garment_types_workshop_seq" ON "garment_types" USING btree ("workshop_id","last_seq");--> statement-breakpoint
CREATE INDEX "invites_phone" ON "invites" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "measurement_sheets_workshop_seq" ON "measurement_sheets" USING btree ("workshop_id","last_seq");--> statement-breakpoint
CREATE INDEX "members_workshop_seq" ON "members" USING btree ("workshop_id","last_seq");--> statement-breakpoint
CREATE INDEX "order_events_workshop_seq" ON "order_events" USING btree ("workshop_id","last_seq");--> statement-breakpoint
CREATE INDEX "orders_workshop_seq" ON "orders" USING btree ("workshop_id","last_seq");--> statement-breakpoint
CREATE INDEX "payments_workshop_seq" ON "payments" USING btree ("workshop_id","last_seq");--> statement-breakpoint
CREATE INDEX "refresh_tokens_family" ON "refresh_tokens" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "refresh_tokens_user" ON "refresh_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_phone" ON "users" USING btree ("phone");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "workshop_workshop_seq" ON "workshop" USING btree ("workshop_id","last_seq");--> statement-breakpoint
CREATE POLICY "change_log_workshop_isolation" ON "change_log" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "clients_workshop_isolation" ON "clients" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "devices_workshop_isolation" ON "devices" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "fittings_workshop_isolation" ON "fittings" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "garment_types_workshop_isolation" ON "garment_types" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "invites_workshop_isolation" ON "invites" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "measurement_sheets_workshop_isolation" ON "measurement_sheets" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "members_workshop_isolation" ON "members" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "order_events_workshop_isolation" ON "order_events" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "orders_workshop_isolation" ON "orders" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "payments_workshop_isolation" ON "payments" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "workshop_workshop_isolation" ON "workshop" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "workshop_sync_workshop_isolation" ON "workshop_sync" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);