import { Tag } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { formatSpan } from "./activity-labels";
import type { ActivitySummary } from "./types";

/** My sign-up of an activity as a tag: signed up, waiting (with position), checked in. */
export function MySignupTag({ a }: { a: ActivitySummary }) {
  const { t } = useTranslation();
  const s = a.mySignup;
  if (!s || s.status === "cancelled") return null;
  if (s.checkedIn) return <Tag color="success">{t("partners.mobile.activities.checkedIn")}</Tag>;
  if (s.status === "waitlisted") return <Tag color="warning">{t("partners.mobile.activities.position", { position: s.position ?? "" })}</Tag>;
  return <Tag color="primary">{t("partners.signupStatus.confirmed")}</Tag>;
}

/** One activity in a phone list: title, time, place, places left. */
export function MobileActivityCard({ a, onOpen }: { a: ActivitySummary; onOpen: () => void }) {
  const { t } = useTranslation();
  const left = Math.max(0, a.capacity - a.confirmed);
  return (
    <button type="button" className="pt-m-card" onClick={onOpen} data-testid="activity-card" data-title={a.title}>
      <div className="pt-m-card-top">
        <span className="pt-m-card-title">{a.title}</span>
        <MySignupTag a={a} />
      </div>
      <div className="pt-m-meta">
        <span>{formatSpan(a.startsAt, a.endsAt)}</span>
        <span>{a.place}</span>
      </div>
      <div className="pt-m-tags">
        <Tag fill="outline">{t(`partners.activityKind.${a.kind}`)}</Tag>
        {a.status === "open" && (left > 0 ? <Tag fill="outline" color="success">{t("partners.mobile.activities.left", { count: left })}</Tag> : <Tag fill="outline" color="warning">{t("partners.mobile.activities.full")}</Tag>)}
        {a.status !== "open" && <Tag fill="outline">{t(`partners.activityStatus.${a.status}`)}</Tag>}
      </div>
    </button>
  );
}
