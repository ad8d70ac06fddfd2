import { useMemo, useState } from "react";
import { App, Button, Card, Empty, Input, List, Skeleton, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { formatShortDateTime } from "../../lib/format";
import { useCandidates, useDelibWrite } from "./use-deliberation";
import type { CandidateGroup } from "./types";

/** Cases worth a meeting (repeated or escalated), each group one click from becoming a topic. */
export function CandidatesCard({ canManage, onCreated }: { canManage: boolean; onCreated: (topicId: string) => void }) {
  const { t } = useTranslation();
  const query = useCandidates();
  const [search, setSearch] = useState("");
  // Repeated problems first (the most repeated on top), then escalated cases, newest first.
  const groups = useMemo(() => {
    const all = query.data ?? [];
    const repeated = all.filter((g) => g.reason === "repeated");
    const escalated = all.filter((g) => g.reason === "escalated").reverse();
    const q = search.trim();
    return [...repeated, ...escalated].filter((g) => !q || g.cases.some((c) => c.number.includes(q.toUpperCase()) || c.description.includes(q)) || g.categoryName.includes(q) || g.area.name.includes(q));
  }, [query.data, search]);
  return (
    <Card className="ll-page-card" title={t("deliberation.topics.candidates")} extra={<Typography.Text type="secondary">{t("deliberation.topics.candidatesHint")}</Typography.Text>} data-testid="candidates">
      {query.isPending ? (
        <Skeleton active />
      ) : query.isError ? (
        <Typography.Text type="danger">{errorMessage(query.error, t)}</Typography.Text>
      ) : query.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("deliberation.topics.candidatesEmpty")} />
      ) : (
        <List
          size="small"
          className="dl-candidates"
          header={<Input.Search allowClear placeholder={t("deliberation.topics.candidatesSearch")} onSearch={setSearch} onChange={(e) => !e.target.value && setSearch("")} className="dl-search" data-testid="candidate-search" />}
          pagination={{ pageSize: 5, size: "small", showSizeChanger: false, hideOnSinglePage: true }}
          dataSource={groups}
          renderItem={(g) => <CandidateRow key={g.cases.map((c) => c.id).join()} group={g} canManage={canManage} onCreated={onCreated} />}
        />
      )}
    </Card>
  );
}

function CandidateRow({ group, canManage, onCreated }: { group: CandidateGroup; canManage: boolean; onCreated: (topicId: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const write = useDelibWrite<{ id: string; added: number }>();
  const put = () =>
    write.mutate(
      { path: "/topics/from-cases", body: { caseIds: group.cases.map((c) => c.id) } },
      {
        onSuccess: (r) => {
          void message.success(t("deliberation.topics.putDone"));
          onCreated(r.id);
        },
        onError: (e) => void message.error(errorMessage(e, t)),
      },
    );
  return (
    <List.Item
      data-testid="candidate"
      data-case-numbers={group.cases.map((c) => c.number).join(" ")}
      actions={
        canManage
          ? [
              <Button key="put" type="primary" size="small" loading={write.isPending} onClick={put} data-testid="put-on-agenda">
                {t("deliberation.topics.putOnAgenda")}
              </Button>,
            ]
          : []
      }
    >
      <List.Item.Meta
        title={
          <Space size={6} wrap>
            <Tag color={group.reason === "escalated" ? "volcano" : "orange"}>{t(`deliberation.topics.reason.${group.reason}`)}</Tag>
            <span>{group.categoryName}</span>
            <Typography.Text type="secondary">{group.area.name}</Typography.Text>
            <Typography.Text type="secondary">{t("deliberation.common.cases", { count: group.caseCount })}</Typography.Text>
          </Space>
        }
        description={
          <div className="dl-candidate-cases">
            {/* The newest three: the latest report is what usually brings a group to the table. */}
            {group.cases
              .slice(-3)
              .reverse()
              .map((c) => (
              <div key={c.id} className="dl-candidate-case">
                <span className="ll-mono">{c.number}</span> <span className="ll-muted">{formatShortDateTime(c.createdAt)}</span> {c.description}
              </div>
            ))}
          </div>
        }
      />
    </List.Item>
  );
}
