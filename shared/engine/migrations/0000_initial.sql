CREATE TABLE `clients` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`whatsapp` text,
	`email` text,
	`gender` text,
	`notes` text,
	`preferred_channel` text,
	`created_at` text NOT NULL,
	`deleted_at` text,
	`clocks` text DEFAULT '{}' NOT NULL,
	`search_name` text DEFAULT '' NOT NULL,
	`phone_digits` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `clients_search_name` ON `clients` (`search_name`);--> statement-breakpoint
CREATE TABLE `fittings` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`at` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`note` text,
	`deleted_at` text,
	`clocks` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `fittings_at` ON `fittings` (`at`);--> statement-breakpoint
CREATE INDEX `fittings_order` ON `fittings` (`order_id`);--> statement-breakpoint
CREATE TABLE `garment_types` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`duration_days` integer NOT NULL,
	`default_price` integer NOT NULL,
	`measurement_fields` text NOT NULL,
	`custom_fields` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`deleted_at` text,
	`clocks` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `measurement_sheets` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`garment_type_id` text,
	`unit` text NOT NULL,
	`values` text NOT NULL,
	`note` text,
	`taken_at` text NOT NULL,
	`taken_by` text,
	`deleted_at` text,
	`clocks` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sheets_client` ON `measurement_sheets` (`client_id`,`taken_at`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`role` text NOT NULL,
	`deleted_at` text,
	`clocks` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `order_events` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`at` text NOT NULL,
	`by` text,
	`type` text NOT NULL,
	`data` text NOT NULL,
	`clocks` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_order` ON `order_events` (`order_id`,`at`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`client_id` text NOT NULL,
	`garment_type_id` text,
	`description` text,
	`fabric_source` text DEFAULT 'client' NOT NULL,
	`fabric_pagnes` integer,
	`fabric_photo` text,
	`model_photo` text,
	`measurements` text,
	`price` integer NOT NULL,
	`urgency` text DEFAULT 'normal' NOT NULL,
	`status` text NOT NULL,
	`assigned_to` text,
	`promised_date` text NOT NULL,
	`internal_note` text,
	`created_at` text NOT NULL,
	`created_by` text,
	`deleted_at` text,
	`clocks` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `orders_client` ON `orders` (`client_id`);--> statement-breakpoint
CREATE INDEX `orders_status_promised` ON `orders` (`status`,`promised_date`);--> statement-breakpoint
CREATE INDEX `orders_created` ON `orders` (`created_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`tbl` text NOT NULL,
	`row_id` text NOT NULL,
	`hlc` text NOT NULL,
	`fields` text NOT NULL,
	`created_at` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`error_code` text,
	`error_message` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_id_unique` ON `outbox` (`id`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`amount` integer NOT NULL,
	`method` text NOT NULL,
	`kind` text NOT NULL,
	`reverses` text,
	`paid_at` text NOT NULL,
	`note` text,
	`recorded_by` text,
	`clocks` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `payments_order` ON `payments` (`order_id`);--> statement-breakpoint
CREATE INDEX `payments_paid_at` ON `payments` (`paid_at`);--> statement-breakpoint
CREATE TABLE `workshop` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`city` text,
	`country` text DEFAULT 'BJ' NOT NULL,
	`timezone` text DEFAULT 'Africa/Porto-Novo' NOT NULL,
	`currency` text DEFAULT 'XOF' NOT NULL,
	`working_days` text NOT NULL,
	`closing_days` text NOT NULL,
	`capacity` integer NOT NULL,
	`unit` text DEFAULT 'cm' NOT NULL,
	`created_at` text NOT NULL,
	`clocks` text DEFAULT '{}' NOT NULL
);
