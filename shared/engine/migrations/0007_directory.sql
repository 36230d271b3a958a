CREATE TABLE `directory_profile` (
	`id` text PRIMARY KEY NOT NULL,
	`published` integer DEFAULT false NOT NULL,
	`name` text NOT NULL,
	`city` text,
	`district` text,
	`lat` real,
	`lng` real,
	`specialties` text NOT NULL,
	`price_range` text,
	`about` text,
	`whatsapp` text,
	`accepts_orders` integer DEFAULT true NOT NULL,
	`updated_at` text NOT NULL,
	`clocks` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `portfolio_items` (
	`id` text PRIMARY KEY NOT NULL,
	`file_hash` text NOT NULL,
	`caption` text,
	`garment_type_id` text,
	`published` integer DEFAULT true NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`deleted_at` text,
	`clocks` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `portfolio_items_position` ON `portfolio_items` (`position`);