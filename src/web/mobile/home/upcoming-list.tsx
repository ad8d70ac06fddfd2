import { Skeleton, Tag } from "antd-mobile";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { apiGet } from "../../api/client";
import type { ActivitySummary } from "../../features/partners/types";
import { usePublicMeetings } from "../../features/deliberation/use-deliberation";
import { formatShortDateTime } from "../../lib/format";

type Item = { key: string; kind: "activity" | "meeting"; title: string; startsAt: string; place: string; to: string };

/** 近期活动与会议: the next few activities and meetings of the community, soonest first. */
export function UpcomingList({ limit = 4 }: { limit?: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const activities = useQuery({
    queryKey: ["activities", "home-upcoming", limit],
    queryFn: ({ signal }) => apiGet<{ items: ActivitySummary[] }>("/activities", { upcoming: "true", limit }, signal),
  });
  const meetings = usePublicMeetings();
  if (activities.isPending && meetings.isPending) return <Skeleton.Paragraph lineCount={3} animated />;
  const now = Date.now();
  const items: Item[] = [
    ...(activities.data?.items ?? [])
      .filter((a) => a.status !== "cancelled" && a.status !== "done")
      .map((a): Item => ({ key: `a${a.id}`, kind: "activity", title: a.title, startsAt: a.startsAt, place: a.place, to: `/activities/${a.id}` })),
    ...(meetings.data ?? [])
      .filter((m) => (m.status === "planned" || m.status === "open") && new Date(m.endsAt).getTime() > now)
      .map((m): Item => ({ key: `m${m.id}`, kind: "meeting", title: m.title, startsAt: m.startsAt, place: m.place, to: "/deliberation" })),
  ]
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    .slice(0, limit);
  if (items.length === 0) return <div className="m-home-empty">{t("residentHome.noUpcoming")}</div>;
  return (
    <div className="m-upcoming" data-testid="home-upcoming">
      {items.map((i) => (
        <button type="button" key={i.key} className="m-upcoming-item" onClick={() => navigate(i.to)}>
          <Tag color={i.kind === "activity" ? "success" : "primary"} fill="outline">
            {t(`residentHome.${i.kind}`)}
          </Tag>
          <span className="m-upcoming-main">
            <span className="m-upcoming-title">{i.title}</span>
            <span className="m-upcoming-meta">
              {formatShortDateTime(i.startsAt)} · {i.place}
            </span>
          </span>
        </button>
      ))}
    </div>
  );
}
