import { sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../db/client";

/**
 * The audit log of the seeded history: one row per key action the history records, as the live
 * routes would have written it (same action names, target types and area paths): every step of
 * every case (`case.report`, `case.accept`, …), every patrol visit (`patrol.submit`), the
 * deliberation's topics, meetings and resolutions, and the partners' recruitment decisions and
 * activities. Written with one INSERT … SELECT in time order, so the log's ids follow the history
 * and the live rows come after it. Runs last, once everything it reads is in place.
 */
export async function seedAuditHistory(tx: Tx): Promise<number> {
  const staffOf = (community: string) => sql`(SELECT s.id FROM users s WHERE s.area_id = ${sql.raw(community)} AND s.role = 'community_staff' ORDER BY s.username LIMIT 1)`;
  const [row] = rowsOf<{ n: number }>(
    await tx.execute(sql`
      WITH history AS (
        SELECT e.at, e.actor_id, e.actor_name, e.actor_role, 'case.' || e.action AS action, 'case' AS target_type, c.id::text AS target_id, a.path AS area_path,
               CASE WHEN e.action = 'report' THEN NULL ELSE jsonb_build_object('status', e.from_status) END AS before,
               CASE WHEN e.action = 'report' THEN jsonb_build_object('number', c.number, 'categoryCode', c.category_code, 'channel', c.channel, 'level', e.level)
                    ELSE jsonb_build_object('status', e.to_status, 'level', e.level) END AS after,
               e.note AS reason
        FROM case_events e JOIN cases c ON c.id = e.case_id JOIN areas a ON a.id = c.area_id
        UNION ALL
        SELECT s.received_at, s.submitted_by, u.display_name, u.role, 'patrol.submit', 'patrol_task', t.id::text, a.path,
               jsonb_build_object('status', 'open'), jsonb_build_object('status', 'done', 'outcome', coalesce(t.outcome, 'visited')), NULL
        FROM patrol_submissions s JOIN patrol_tasks t ON t.id = s.task_id JOIN areas a ON a.id = t.area_id LEFT JOIN users u ON u.id = s.submitted_by
        UNION ALL
        SELECT tp.created_at, tp.proposer_id, u.display_name, u.role, CASE WHEN tp.source = 'proposal' THEN 'topic.propose' ELSE 'topic.create' END, 'topic', tp.id::text, a.path,
               NULL, jsonb_build_object('title', tp.title, 'source', tp.source), NULL
        FROM topics tp JOIN areas a ON a.id = tp.area_id LEFT JOIN users u ON u.id = tp.proposer_id
        UNION ALL
        SELECT m.created_at, m.convener_id, u.display_name, u.role, 'meeting.create', 'meeting', m.id::text, a.path,
               NULL, jsonb_build_object('title', m.title, 'kind', m.kind, 'startsAt', m.starts_at), NULL
        FROM meetings m JOIN areas a ON a.id = m.area_id LEFT JOIN users u ON u.id = m.convener_id
        UNION ALL
        SELECT m.ends_at, m.convener_id, u.display_name, u.role, 'meeting.close', 'meeting', m.id::text, a.path,
               jsonb_build_object('status', 'open'), jsonb_build_object('status', 'closed'), NULL
        FROM meetings m JOIN areas a ON a.id = m.area_id LEFT JOIN users u ON u.id = m.convener_id WHERE m.status = 'closed'
        UNION ALL
        SELECT r.created_at, m.convener_id, u.display_name, u.role, 'resolution.create', 'resolution', r.id::text, a.path,
               NULL, jsonb_build_object('text', left(r.text, 80), 'dueOn', r.due_on), NULL
        FROM resolutions r JOIN meetings m ON m.id = r.meeting_id JOIN areas a ON a.id = m.area_id LEFT JOIN users u ON u.id = m.convener_id
        UNION ALL
        SELECT r.done_at, st.id, st.display_name, st.role, 'resolution.complete', 'resolution', r.id::text, a.path,
               jsonb_build_object('status', 'open'), jsonb_build_object('status', 'done'), NULL
        FROM resolutions r JOIN areas a ON a.id = r.community_id LEFT JOIN users st ON st.id = ${staffOf("r.community_id")}
        WHERE r.status = 'done' AND r.done_at IS NOT NULL
        UNION ALL
        SELECT ta.reviewed_at, ta.reviewed_by, u.display_name, u.role, 'talent_application.' || CASE WHEN ta.status = 'approved' THEN 'approve' ELSE 'reject' END,
               'talent_application', ta.id::text, a.path, jsonb_build_object('status', 'pending'), jsonb_build_object('status', ta.status), NULL
        FROM talent_applications ta JOIN recruitment_calls rc ON rc.id = ta.call_id JOIN areas a ON a.id = rc.community_id LEFT JOIN users u ON u.id = ta.reviewed_by
        WHERE ta.status <> 'pending' AND ta.reviewed_at IS NOT NULL
        UNION ALL
        SELECT ac.created_at, st.id, st.display_name, st.role, 'activity.create', 'activity', ac.id::text, a.path,
               NULL, jsonb_build_object('title', ac.title, 'kind', ac.kind, 'startsAt', ac.starts_at), NULL
        FROM activities ac JOIN areas a ON a.id = ac.community_id LEFT JOIN users st ON st.id = ${staffOf("ac.community_id")}
      ), ins AS (
        INSERT INTO audit_log (at, actor_id, actor_name, actor_role, action, target_type, target_id, area_path, ip, before, after, reason)
        SELECT at, actor_id, actor_name, actor_role, action, target_type, target_id, area_path, NULL, before, after, reason
        FROM history WHERE at <= now() ORDER BY at, target_id
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM ins`),
  );
  return row?.n ?? 0;
}
