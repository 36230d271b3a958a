CREATE INDEX "billing_payments_paid" ON "billing_payments" USING btree ("paid_at","amount");--> statement-breakpoint
CREATE INDEX "credit_ledger_purchases" ON "credit_ledger" USING btree ("created_at","amount") WHERE kind = 'purchase';--> statement-breakpoint
CREATE INDEX "workshop_created_at" ON "workshop" USING btree ("created_at");--> statement-breakpoint
-- Written by hand (a mirror table's indexes come from mirror.ts, which has no partial lookups): the
-- admin dashboard's messages by day, sent (or delivered) and failed, each counted from its own
-- index alone (cloud/admin/dashboard/dashboardSql.ts, whose conditions are these).
CREATE INDEX "messages_sent_created_at" ON "messages" USING btree ("created_at") WHERE status IN ('sent', 'delivered');--> statement-breakpoint
CREATE INDEX "messages_failed_created_at" ON "messages" USING btree ("created_at") WHERE status = 'failed';
