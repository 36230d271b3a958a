CREATE TABLE `message_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`body` text NOT NULL,
	`clocks` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`order_id` text,
	`channel` text NOT NULL,
	`to` text NOT NULL,
	`body` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`deleted_at` text,
	`provider_id` text,
	`segments` integer,
	`credits` integer,
	`sent_at` text,
	`delivered_at` text,
	`failure_reason` text,
	`clocks` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `messages_client` ON `messages` (`client_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_order` ON `messages` (`order_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_status` ON `messages` (`status`,`created_at`);--> statement-breakpoint
ALTER TABLE `orders` ADD `tracking_token` text;--> statement-breakpoint
ALTER TABLE `workshop` ADD `sms_gsm7` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `workshop` ADD `balance_reminder_days` integer DEFAULT 3 NOT NULL;