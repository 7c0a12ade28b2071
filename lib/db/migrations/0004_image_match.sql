ALTER TABLE `batch_items` ADD `target` text;--> statement-breakpoint
ALTER TABLE `rounds` ADD `match_ssim` real;--> statement-breakpoint
ALTER TABLE `rounds` ADD `match_psnr` real;