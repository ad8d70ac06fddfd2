import type { z } from "zod";
import type {
  assigneeListReply,
  bulkPlansReply,
  coverageReply,
  generateReply,
  monthlyLedgerReply,
  myTasksReply,
  planListReply,
  routeReply,
  submitReply,
  taskDetail,
  taskListReply,
  templateDetail,
  templateListReply,
} from "../../../contracts/patrols";

export type {
  Assignee,
  BulkPlansBody,
  ChecklistItem,
  Frequency,
  ItemType,
  PlanSummary,
  SubmitBody,
  Submission,
  TargetKind,
  TaskSummary,
} from "../../../contracts/patrols";
export { FREQUENCY_VALUES, TARGET_KIND_VALUES, VISIT_OUTCOME_VALUES } from "../../../contracts/patrols";

export type MyTasksReply = z.infer<typeof myTasksReply>;
export type RouteReply = z.infer<typeof routeReply>;
export type TaskDetail = z.infer<typeof taskDetail>;
export type SubmitReply = z.infer<typeof submitReply>;
export type TaskListReply = z.infer<typeof taskListReply>;
export type PlanListReply = z.infer<typeof planListReply>;
export type TemplateListReply = z.infer<typeof templateListReply>;
export type TemplateDetail = z.infer<typeof templateDetail>;
export type MonthlyLedger = z.infer<typeof monthlyLedgerReply>;
export type CoverageReply = z.infer<typeof coverageReply>;
export type BulkPlansReply = z.infer<typeof bulkPlansReply>;
export type GenerateReply = z.infer<typeof generateReply>;
export type AssigneeListReply = z.infer<typeof assigneeListReply>;
export type MyTaskView = "today" | "week" | "overdue";
