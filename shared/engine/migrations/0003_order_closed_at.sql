-- orders.closed_at (synced): when the order was delivered or cancelled (shared/domain/history.ts); the board
-- and the month figures read deliveries from it, so events_type_at is no longer needed. No backfill:
-- nothing is deployed yet, and a value derived locally would carry no clock and differ from the hub's.
DROP INDEX `events_type_at`;--> statement-breakpoint
ALTER TABLE `orders` ADD `closed_at` text;--> statement-breakpoint
CREATE INDEX `orders_status_closed` ON `orders` (`status`,`closed_at`);