ALTER TABLE `rounds` ADD `match_ssim` real;--> statement-breakpoint
ALTER TABLE `rounds` ADD `match_psnr` real;