CREATE TABLE "files" (
	"workshop_id" uuid NOT NULL,
	"hash" text NOT NULL,
	"size" bigint NOT NULL,
	"received" bigint DEFAULT 0 NOT NULL,
	"kind" text NOT NULL,
	"state" text DEFAULT 'uploading' NOT NULL,
	"width" integer,
	"height" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "files_workshop_id_hash_pk" PRIMARY KEY("workshop_id","hash")
);
--> statement-breakpoint
ALTER TABLE "files" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "files_workshop_isolation" ON "files" AS PERMISSIVE FOR ALL TO "styliste_app" USING (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid) WITH CHECK (workshop_id = nullif(current_setting('app.workshop_id', true), '')::uuid);