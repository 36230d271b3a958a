-- orders.closed_at, mirrored from the engine (shared/domain/history.ts); an order's history read by order
-- (GET /api/orders/:orderId/history). No backfill: nothing is deployed yet.
ALTER TABLE "orders" ADD COLUMN "closed_at" text;--> statement-breakpoint
CREATE INDEX "order_events_workshop_order_id" ON "order_events" USING btree ("workshop_id","order_id");