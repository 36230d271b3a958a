CREATE SEQUENCE "public"."billing_receipt_number" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "billing_checkouts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workshop_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"plan_id" text,
	"cycle" text,
	"pack_id" text,
	"credits" integer,
	"amount" integer NOT NULL,
	"provider" text NOT NULL,
	"transaction_id" text,
	"return_token" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "billing_checkouts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "billing_notices" (
	"workshop_id" uuid NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text,
	"failure_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_notices_workshop_id_key_pk" PRIMARY KEY("workshop_id","key")
);
--> statement-breakpoint
ALTER TABLE "billing_notices" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "billing_payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workshop_id" uuid NOT NULL,
	"checkout_id" uuid NOT NULL,
	"transaction_id" text NOT NULL,
	"receipt_number" bigint NOT NULL,
	"kind" text NOT NULL,
	"plan_id" text,
	"cycle" text,
	"pack_id" text,
	"credits" integer,
	"amount" integer NOT NULL,
	"period_end" timestamp with time zone,
	"method" text,
	"paid_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "billing_payments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "credit_packs" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"credits" integer NOT NULL,
	"price" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"on_sale" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"monthly_price" integer NOT NULL,
	"yearly_price" integer NOT NULL,
	"limits" jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"on_sale" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscription" (
	"workshop_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" text,
	"plan_name" text,
	"status" text,
	"cycle" text,
	"trial_ends_at" text,
	"current_period_end" text,
	"grace_ends_at" text,
	"pending_plan_id" text,
	"limits" jsonb,
	"updated_at" text,
	"clocks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"seqs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subscription" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"workshop_id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"plan_id" text NOT NULL,
	"cycle" text,
	"trial_ends_at" timestamp with time zone,
	"period_start" timestamp with time zone,
	"current_period_end" timestamp with time zone,
	"grace_ends_at" timestamp with time zone,
	"pending_plan_id" text,
	"pending_cycle" text,
	"timezone" text DEFAULT 'Africa/Porto-Novo' NOT NULL,
	"next_check_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subscriptions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD COLUMN "grant_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "billing_checkouts_transaction" ON "billing_checkouts" USING btree ("transaction_id") WHERE transaction_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "billing_checkouts_return_token" ON "billing_checkouts" USING btree ("return_token");--> statement-breakpoint
CREATE INDEX "billing_checkouts_workshop" ON "billing_checkouts" USING btree ("workshop_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_payments_transaction" ON "billing_payments" USING btree ("transaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_payments_receipt" ON "billing_payments" USING btree ("receipt_number");--> statement-breakpoint
CREATE INDEX "billing_payments_workshop" ON "billing_payments" USING btree ("workshop_id","paid_at");--> statement-breakpoint
CREATE INDEX "subscription_workshop_seq" ON "subscription" USING btree ("workshop_id","last_seq");--> statement-breakpoint
CREATE INDEX "subscriptions_next_check" ON "subscriptions" USING btree ("next_check_at") WHERE next_check_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "subscriptions_status" ON "subscriptions" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_ledger_grant_key" ON "credit_ledger" USING btree ("workshop_id","grant_key") WHERE grant_key IS NOT NULL;--> statement-breakpoint
CREATE POLICY "billing_checkouts_workshop_isolation" ON "billing_checkouts" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "billing_notices_workshop_isolation" ON "billing_notices" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "billing_payments_workshop_isolation" ON "billing_payments" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "subscription_workshop_isolation" ON "subscription" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "subscriptions_workshop_isolation" ON "subscriptions" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);
--> statement-breakpoint
-- The catalogue (shared/billing/plans.ts DEFAULT_PLANS and DEFAULT_CREDIT_PACKS), whole FCFA; data from here on.
INSERT INTO "plans" ("id", "name", "monthly_price", "yearly_price", "position", "limits") VALUES
  ('gratuit', 'Gratuit', 0, 0, 0, '{"members": 1, "portfolioPhotos": 6, "monthlyCredits": 0, "directory": false}'),
  ('solo', 'Solo', 2500, 25000, 1, '{"members": 2, "portfolioPhotos": 30, "monthlyCredits": 50, "directory": true}'),
  ('atelier', 'Atelier', 6000, 60000, 2, '{"members": 5, "portfolioPhotos": 100, "monthlyCredits": 200, "directory": true}'),
  ('maison', 'Maison de couture', 15000, 150000, 3, '{"members": 15, "portfolioPhotos": 500, "monthlyCredits": 600, "directory": true}')
ON CONFLICT ("id") DO NOTHING;
--> statement-breakpoint
INSERT INTO "credit_packs" ("id", "name", "credits", "price", "position") VALUES
  ('sms-100', '100 crédits SMS', 100, 2000, 0),
  ('sms-500', '500 crédits SMS', 500, 9000, 1),
  ('sms-2000', '2 000 crédits SMS', 2000, 32000, 2)
ON CONFLICT ("id") DO NOTHING;
--> statement-breakpoint
-- Workshops made before billing: a trial from now (their synced row comes with their first change).
INSERT INTO "subscriptions" ("workshop_id", "status", "plan_id", "trial_ends_at", "next_check_at") SELECT "workshop_id", 'trial', 'atelier', now() + interval '14 days', now() + interval '11 days' FROM "workshop_sync" ON CONFLICT DO NOTHING;
