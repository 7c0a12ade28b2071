CREATE TABLE `candidates` (
	`session_id` text NOT NULL,
	`number` integer NOT NULL,
	`seed` integer NOT NULL,
	`score` real,
	`data` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`session_id`, `number`),
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `rounds` ADD `candidate` integer;