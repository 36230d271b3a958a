ALTER TABLE `orders` ADD `paid` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `orders_owing` ON `orders` (`promised_date`,`number`,`price`,`paid`) WHERE deleted_at IS NULL AND status NOT IN ('quote', 'cancelled') AND price > paid;--> statement-breakpoint
UPDATE `orders` SET `paid` = (SELECT COALESCE(SUM(`amount`), 0) FROM `payments` WHERE `payments`.`order_id` = `orders`.`id`);
