ALTER TABLE `batch_jobs` ADD `run` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `run` text;