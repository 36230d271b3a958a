CREATE INDEX `events_type_at` ON `order_events` (`type`,`at`);--> statement-breakpoint
CREATE INDEX `orders_number` ON `orders` (`number`);--> statement-breakpoint
CREATE INDEX `outbox_state` ON `outbox` (`state`,`seq`);