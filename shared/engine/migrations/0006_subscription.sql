CREATE TABLE `subscription` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`plan_name` text NOT NULL,
	`status` text NOT NULL,
	`cycle` text,
	`trial_ends_at` text,
	`current_period_end` text,
	`grace_ends_at` text,
	`pending_plan_id` text,
	`limits` text NOT NULL,
	`updated_at` text NOT NULL,
	`clocks` text DEFAULT '{}' NOT NULL
);
