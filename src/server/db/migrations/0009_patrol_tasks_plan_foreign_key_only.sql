ALTER TABLE "patrol_tasks" DROP CONSTRAINT "patrol_tasks_community_id_areas_id_fk";
--> statement-breakpoint
ALTER TABLE "patrol_tasks" DROP CONSTRAINT "patrol_tasks_area_id_areas_id_fk";
--> statement-breakpoint
ALTER TABLE "patrol_tasks" DROP CONSTRAINT "patrol_tasks_template_id_checklist_templates_id_fk";
--> statement-breakpoint
ALTER TABLE "patrol_tasks" DROP CONSTRAINT "patrol_tasks_assignee_id_users_id_fk";
