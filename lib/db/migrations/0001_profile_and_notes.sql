ALTER TABLE `rounds` ADD `notes` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `profile` text DEFAULT 'intro-svg' NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `linked_from_id` text;