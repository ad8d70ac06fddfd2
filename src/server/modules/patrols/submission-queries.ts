import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import { parsePoint } from "../../db/schema/types";
import type { AuthUser } from "../../platform/context";
import { patrolRule } from "../../platform/access";
import { fileUrls } from "../../platform/uploads";
import type { Submission } from "../../../contracts/patrols";
import { isoInstant } from "../../platform/instants";

type SubmissionRow = {
  id: string;
  client_id: string;
  task_id: string;
  submitted_by: string;
  submitter: string;
  filled_at: string | Date;
  received_at: string | Date;
  answers: Record<string, unknown>;
  failures: string[];
  location: unknown;
  track_points: number;
  track_meters: number | null;
  track_seconds: number | null;
  companions: string[];
  notes: string | null;
  photos: Array<{ id: string; itemId: string | null }> | null;
  cases: Array<{ id: string; number: string; status: string; categoryCode: string; itemId: string | null }> | null;
};

const iso = (v: string | Date) => isoInstant(v);

/** Cases opened from a submission (both ways through case_links), with the item that failed. */
export const LINKED_CASES = (submissionId: SQL) => sql`(SELECT json_agg(json_build_object(
    'id', c.id, 'number', c.number, 'status', c.status, 'categoryCode', c.category_code,
    'itemId', (SELECT e.data->>'patrolItemId' FROM case_events e WHERE e.case_id = c.id AND e.action = 'report' LIMIT 1)) ORDER BY c.number)
  FROM case_links l JOIN cases c ON c.id = l.case_id WHERE l.kind = 'patrol_submission' AND l.ref_id = ${submissionId})`;

/**
 * Who may see a submission (`s`): the rule of its task and plan (`patrolRule`: the area scope, and a
 * 重点人员 only for those allowed or the task's assignee), or they made it themselves.
 */
export function submissionVisible(user: AuthUser, s: SQL = sql.raw("s")): SQL {
  const rule = patrolRule(user, { areaId: sql`vt.area_id`, targetKind: sql`vp.target_kind`, personId: sql`vp.person_id`, assigneeId: sql`vt.assignee_id` });
  return sql`(EXISTS (SELECT 1 FROM patrol_tasks vt JOIN patrol_plans vp ON vp.id = vt.plan_id WHERE vt.id = ${s}.task_id AND ${rule})
    OR ${s}.submitted_by = ${user.id})`;
}

/** Submissions matching a condition on `s`, oldest first, shaped for the wire. */
export async function selectSubmissions(db: DbOrTx, where: SQL): Promise<Submission[]> {
  const rows = rowsOf<SubmissionRow>(
    await db.execute(sql`
      SELECT s.id, s.client_id, s.task_id, s.submitted_by, u.display_name AS submitter, s.filled_at, s.received_at,
             s.answers, s.failures, s.location::text AS location, coalesce(jsonb_array_length(s.track), 0)::int AS track_points,
             s.track_meters, s.track_seconds, s.companions, s.notes,
             (SELECT json_agg(json_build_object('id', ph.file_id, 'itemId', ph.item_id)) FROM patrol_photos ph WHERE ph.submission_id = s.id) AS photos,
             ${LINKED_CASES(sql`s.id`)} AS cases
      FROM patrol_submissions s JOIN users u ON u.id = s.submitted_by
      WHERE ${where}
      ORDER BY s.filled_at`),
  );
  return rows.map((r) => ({
    id: r.id,
    clientId: r.client_id,
    taskId: r.task_id,
    submittedBy: { id: r.submitted_by, name: r.submitter },
    filledAt: iso(r.filled_at),
    receivedAt: iso(r.received_at),
    answers: r.answers,
    failures: r.failures,
    location: parsePoint(r.location),
    trackPoints: r.track_points,
    trackMeters: r.track_meters === null ? null : Number(r.track_meters),
    trackSeconds: r.track_seconds,
    companions: r.companions,
    notes: r.notes,
    photos: (r.photos ?? []).map((p) => ({ id: p.id, itemId: p.itemId, ...fileUrls(p.id) })),
    cases: r.cases ?? [],
  }));
}

export async function loadSubmission(db: DbOrTx, id: string): Promise<Submission | null> {
  const [s] = await selectSubmissions(db, sql`s.id = ${id}`);
  return s ?? null;
}

/** A submission of this user with this client id (the offline idempotency key), or null. */
export async function findByClientId(db: DbOrTx, userId: string, clientId: string): Promise<{ id: string; taskId: string } | null> {
  const [row] = rowsOf<{ id: string; task_id: string }>(
    await db.execute(sql`SELECT id, task_id FROM patrol_submissions WHERE submitted_by = ${userId} AND client_id = ${clientId} LIMIT 1`),
  );
  return row ? { id: row.id, taskId: row.task_id } : null;
}
