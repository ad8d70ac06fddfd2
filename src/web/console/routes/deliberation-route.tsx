import type { ReactNode } from "react";
import { Space, Tabs } from "antd";
import { Navigate, Route, Routes, useLocation, useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/use-me";
import "../../features/deliberation/deliberation.css";
import { MeasuresPanel } from "../../features/deliberation/measures-panel";
import { MeetingDetailView } from "../../features/deliberation/meeting-detail-view";
import { MeetingsPanel } from "../../features/deliberation/meetings-panel";
import { QuestionnaireDetailView } from "../../features/deliberation/questionnaire-detail-view";
import { QuestionnairesPanel } from "../../features/deliberation/questionnaires-panel";
import { ResolutionDetailView } from "../../features/deliberation/resolution-detail-view";
import { ResolutionsPanel } from "../../features/deliberation/resolutions-panel";
import { TopicDetailView } from "../../features/deliberation/topic-detail-view";
import { TopicsPanel } from "../../features/deliberation/topics-panel";
import { PageHeader, useGoBack } from "../page-header";
import { RequirePermission } from "../require-permission";
import { DELIBERATION_TABS } from "../console-paths";

const TABS = DELIBERATION_TABS;

/** 议事协商: topics, meetings, resolutions, questionnaires and measures under /deliberation. */
export function DeliberationRoute() {
  return (
    <RequirePermission permission="deliberation:read">
      <Routes>
        <Route index element={<Navigate to="topics" replace />} />
        <Route path="topics/:id" element={<Detail kind="topics" />} />
        <Route path="meetings/:id" element={<Detail kind="meetings" />} />
        <Route path="resolutions/:id" element={<Detail kind="resolutions" />} />
        <Route path="questionnaires/:id" element={<Detail kind="questionnaires" />} />
        <Route path=":tab" element={<Hub />} />
      </Routes>
    </RequirePermission>
  );
}

function Hub() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const user = useMe().data!;
  const { tab } = useParams<{ tab: string }>();
  if (!TABS.includes(tab as (typeof TABS)[number])) return <Navigate to="/deliberation/topics" replace />;
  const panel: Record<(typeof TABS)[number], ReactNode> = {
    topics: <TopicsPanel canManage={hasPermission(user, "topic:manage")} />,
    meetings: <MeetingsPanel canManage={hasPermission(user, "meeting:manage")} />,
    resolutions: <ResolutionsPanel initialStatus={new URLSearchParams(location.search).get("status") ?? undefined} />,
    questionnaires: <QuestionnairesPanel canManage={hasPermission(user, "survey:manage")} />,
    measures: <MeasuresPanel />,
  };
  return (
    <>
      <PageHeader title={t("deliberation.title")}>{t("deliberation.subtitle")}</PageHeader>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(`/deliberation/${key}`)}
        items={TABS.map((key) => ({ key, label: <span data-testid={`tab-${key}`}>{t(`deliberation.tabs.${key}`)}</span> }))}
        className="dl-tabs"
      />
      {panel[tab as (typeof TABS)[number]]}
    </>
  );
}

function Detail({ kind }: { kind: "topics" | "meetings" | "resolutions" | "questionnaires" }) {
  const user = useMe().data!;
  const { id } = useParams<{ id: string }>();
  const back = useGoBack(`/deliberation/${kind}`);
  const header = (title: ReactNode, extra: ReactNode) => <PageHeader title={title} onBack={back} extra={extra ? <Space>{extra}</Space> : undefined} />;
  if (kind === "topics") return <TopicDetailView key={id} id={id!} canManage={hasPermission(user, "topic:manage") && hasPermission(user, "meeting:manage")} header={header} />;
  if (kind === "meetings") return <MeetingDetailView key={id} id={id!} canManage={hasPermission(user, "meeting:manage")} header={header} />;
  if (kind === "resolutions") return <ResolutionDetailView key={id} id={id!} header={header} />;
  return <QuestionnaireDetailView key={id} id={id!} canManage={hasPermission(user, "survey:manage")} header={header} />;
}
