CREATE TABLE `batch_items` (
	`job_id` text NOT NULL,
	`item_id` text NOT NULL,
	`position` integer NOT NULL,
	`prompt` text NOT NULL,
	`session_id` text,
	`status` text NOT NULL,
	`outcome` text,
	`best_score` real,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`job_id`, `item_id`),
	FOREIGN KEY (`job_id`) REFERENCES `batch_jobs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `batch_items_position` ON `batch_items` (`job_id`,`position`);--> statement-breakpoint
CREATE TABLE `batch_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`settings` text NOT NULL,
	`concurrency` integer NOT NULL,
	`status` text NOT NULL,
	`total` integer NOT NULL,
	`engine` text NOT NULL,
	`model` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `batch_jobs_created` ON `batch_jobs` (`created_at`);