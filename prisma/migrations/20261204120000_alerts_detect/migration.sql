-- Detection (lib/alerts/detect.ts): when a followed explorer view's baseline (followed_view_match)
-- was first recorded. NULL: not yet, so the next run records the matches without telling anyone.
ALTER TABLE "follow" ADD COLUMN "view_baseline_at" TIMESTAMP(3);
