-- Distance search (cloud/directory/searchSql.ts): cube + earthdistance, on Postgres and on PGlite (client.ts loads them).
CREATE EXTENSION IF NOT EXISTS cube;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS earthdistance;--> statement-breakpoint
CREATE TABLE "directory_profile" (
	"workshop_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"name" text,
	"city" text,
	"district" text,
	"lat" double precision,
	"lng" double precision,
	"specialties" jsonb,
	"price_range" text,
	"about" text,
	"whatsapp" text,
	"accepts_orders" boolean DEFAULT true NOT NULL,
	"updated_at" text,
	"clocks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"seqs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "directory_profile" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "portfolio_items" (
	"workshop_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"file_hash" text,
	"caption" text,
	"garment_type_id" text,
	"published" boolean DEFAULT true NOT NULL,
	"position" bigint,
	"created_at" text,
	"deleted_at" text,
	"clocks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"seqs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "portfolio_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "directory_daily_stats" (
	"workshop_id" uuid NOT NULL,
	"day" date NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"whatsapp_taps" integer DEFAULT 0 NOT NULL,
	"call_taps" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "directory_daily_stats_workshop_id_day_pk" PRIMARY KEY("workshop_id","day")
);
--> statement-breakpoint
ALTER TABLE "directory_daily_stats" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "directory_listings" (
	"workshop_id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"city" text,
	"city_slug" text,
	"district" text,
	"lat" double precision,
	"lng" double precision,
	"specialties" text[] DEFAULT '{}'::text[] NOT NULL,
	"price_range" text,
	"about" text,
	"whatsapp" text,
	"accepts_orders" boolean DEFAULT true NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"listed" boolean DEFAULT false NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text
);
--> statement-breakpoint
ALTER TABLE "directory_listings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "directory_photos" (
	"item_id" uuid PRIMARY KEY NOT NULL,
	"workshop_id" uuid NOT NULL,
	"file_hash" text NOT NULL,
	"caption" text,
	"garment_type" text,
	"position" integer DEFAULT 0 NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text
);
--> statement-breakpoint
ALTER TABLE "directory_photos" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "directory_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workshop_id" uuid NOT NULL,
	"item_id" uuid,
	"reason" text NOT NULL,
	"details" text,
	"visitor_hash" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolution" text
);
--> statement-breakpoint
ALTER TABLE "directory_reports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "directory_salts" (
	"day" date PRIMARY KEY NOT NULL,
	"salt" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_slugs" (
	"slug" text PRIMARY KEY NOT NULL,
	"workshop_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "directory_slugs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "directory_visitors" (
	"day" date NOT NULL,
	"workshop_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"visitor_hash" text NOT NULL,
	CONSTRAINT "directory_visitors_day_workshop_id_kind_visitor_hash_pk" PRIMARY KEY("day","workshop_id","kind","visitor_hash")
);
--> statement-breakpoint
ALTER TABLE "directory_visitors" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE INDEX "directory_profile_workshop_seq" ON "directory_profile" USING btree ("workshop_id","last_seq");--> statement-breakpoint
CREATE INDEX "portfolio_items_workshop_seq" ON "portfolio_items" USING btree ("workshop_id","last_seq");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_listings_slug" ON "directory_listings" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "directory_listings_city" ON "directory_listings" USING btree ("city_slug");--> statement-breakpoint
CREATE INDEX "directory_listings_earth" ON "directory_listings" USING gist (ll_to_earth("lat", "lng")) WHERE published AND listed AND hidden_at IS NULL AND lat IS NOT NULL AND lng IS NOT NULL;--> statement-breakpoint
CREATE INDEX "directory_listings_name" ON "directory_listings" USING btree ("name","slug") WHERE published AND listed AND hidden_at IS NULL AND lat IS NOT NULL AND lng IS NOT NULL;--> statement-breakpoint
CREATE INDEX "directory_photos_workshop" ON "directory_photos" USING btree ("workshop_id","position");--> statement-breakpoint
CREATE INDEX "directory_reports_status" ON "directory_reports" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "directory_reports_workshop" ON "directory_reports" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "directory_slugs_workshop" ON "directory_slugs" USING btree ("workshop_id");--> statement-breakpoint
CREATE POLICY "directory_profile_workshop_isolation" ON "directory_profile" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "portfolio_items_workshop_isolation" ON "portfolio_items" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "directory_daily_stats_workshop_isolation" ON "directory_daily_stats" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "directory_listings_workshop_isolation" ON "directory_listings" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "directory_photos_workshop_isolation" ON "directory_photos" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "directory_reports_workshop_isolation" ON "directory_reports" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "directory_slugs_read" ON "directory_slugs" AS PERMISSIVE FOR SELECT TO "styliste_app" USING (true);--> statement-breakpoint
CREATE POLICY "directory_slugs_write" ON "directory_slugs" AS PERMISSIVE FOR INSERT TO "styliste_app" WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "directory_visitors_workshop_isolation" ON "directory_visitors" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);--> statement-breakpoint
-- Whether a subscription lets its workshop be listed (DESIGN "Subscriptions": suspension stops the
-- listing; the limits in force say whether the plan has the directory). The one SQL form of the
-- rule shared/billing/limits.ts states (directoryListingAllowed); the listing refresh uses it too.
CREATE OR REPLACE FUNCTION directory_plan_allows(status text, limits jsonb) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS $$ SELECT status IS DISTINCT FROM 'suspended' AND coalesce((limits->>'directory')::boolean, false) $$;--> statement-breakpoint
-- Billing writes the synced subscription row; the listing's flag follows at once, in the same
-- transaction, whatever wrote it (checkout, lifecycle sweep, plan change, admin).
CREATE OR REPLACE FUNCTION directory_subscription_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE directory_listings SET listed = false WHERE workshop_id = OLD.workshop_id AND listed;
    RETURN OLD;
  END IF;
  UPDATE directory_listings SET listed = directory_plan_allows(NEW.status, NEW.limits)
   WHERE workshop_id = NEW.workshop_id AND listed IS DISTINCT FROM directory_plan_allows(NEW.status, NEW.limits);
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER directory_subscription_changed AFTER INSERT OR UPDATE OR DELETE ON subscription
  FOR EACH ROW EXECUTE FUNCTION directory_subscription_changed();
