import { useState } from "react";
import { Button, Card, Table, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { formatShortDateTime } from "../../lib/format";
import { QuestionnaireCreateModal } from "./questionnaire-create-modal";
import type { QuestionnaireSummary } from "./types";
import { useQuestionnaires } from "./use-deliberation";

export const QUESTIONNAIRE_COLORS: Record<string, string> = { draft: "default", open: "processing", closed: "success" };

/** 征集民意: questionnaires in rounds, answered door to door or online. */
export function QuestionnairesPanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const topicId = params.get("topicId") ?? undefined;
  const [creating, setCreating] = useState(params.get("create") === "1" && canManage);
  const query = useQuestionnaires({ topicId, limit: 200 });
  return (
    <Card className="ll-page-card">
      <div className="ll-toolbar dl-toolbar">
        <span />
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="questionnaire-create">
            {t("deliberation.questionnaires.create")}
          </Button>
        )}
      </div>
      {query.isError && <Typography.Text type="danger">{errorMessage(query.error, t)}</Typography.Text>}
      <Table<QuestionnaireSummary>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        dataSource={query.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        data-testid="questionnaire-table"
        columns={[
          { key: "title", title: t("deliberation.questionnaires.columns.title"), render: (_, q) => <Link to={`/deliberation/questionnaires/${q.id}`}>{q.title}</Link> },
          { key: "round", title: t("deliberation.questionnaires.columns.round"), width: 90, render: (_, q) => t("deliberation.questionnaires.round", { round: q.round }) },
          { key: "status", title: t("deliberation.questionnaires.columns.status"), width: 90, render: (_, q) => <Tag color={QUESTIONNAIRE_COLORS[q.status]}>{t(`deliberation.questionnaireStatus.${q.status}`)}</Tag> },
          { key: "topic", title: t("deliberation.questionnaires.columns.topic"), ellipsis: true, render: (_, q) => (q.topic ? <Link to={`/deliberation/topics/${q.topic.id}`}>{q.topic.title}</Link> : "—") },
          { key: "responses", title: t("deliberation.questionnaires.columns.responses"), width: 90, align: "right", dataIndex: "responses" },
          { key: "area", title: t("deliberation.questionnaires.columns.area"), width: 130, render: (_, q) => q.area.name },
          { key: "closesAt", title: t("deliberation.questionnaires.columns.closesAt"), width: 120, render: (_, q) => (q.closesAt ? <span className="ll-mono">{formatShortDateTime(q.closesAt)}</span> : "—") },
        ]}
      />
      <QuestionnaireCreateModal
        open={creating}
        topicId={topicId}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          navigate(`/deliberation/questionnaires/${id}`);
        }}
      />
    </Card>
  );
}
