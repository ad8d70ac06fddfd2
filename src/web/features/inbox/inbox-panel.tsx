import { Alert, App, Badge, Button, Card, Col, Empty, Row, Skeleton, Space, Tag, Typography } from "antd";
import { Link } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { formatDateTime } from "../../lib/format";
import { useDecide } from "../partners/use-talent";
import type { InboxGroup, InboxItem } from "../../../contracts/inbox";
import { inboxKeys, useInbox } from "./use-inbox";

/** Kinds whose cards are red when they hold anything (work past its time). */
const URGENT = new Set(["overdue", "minutes", "verify", "delay"]);

/** 今日待办: a card per kind of work with its count and first items, each one click from its action. */
export function InboxPanel() {
  const { t } = useTranslation();
  const inbox = useInbox();
  if (inbox.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (inbox.isError) return <Alert type="error" showIcon title={errorMessage(inbox.error, t)} />;
  const groups = inbox.data.groups;
  const busy = groups.filter((g) => g.count > 0);
  const quiet = groups.filter((g) => g.count === 0);
  return (
    <section className="ll-inbox" data-testid="inbox">
      <div className="ll-inbox-head">
        <Typography.Title level={4} className="ll-inbox-title">
          {t("inbox.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("inbox.subtitle")}</Typography.Text>
      </div>
      {busy.length === 0 ? (
        <Card className="ll-page-card">
          <Empty description={t("inbox.empty")} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {busy.map((g) => (
            <Col key={g.kind} xs={24} md={12} xxl={8}>
              <InboxCard group={g} />
            </Col>
          ))}
        </Row>
      )}
      {quiet.length > 0 && (
        <div className="ll-inbox-quiet" data-testid="inbox-quiet">
          {quiet.map((g) => (
            <Link key={g.kind} to={g.link} className="ll-inbox-chip" data-testid={`inbox-${g.kind}`} data-count={0}>
              {t(`inbox.kinds.${g.kind}`)} <b>0</b>
            </Link>
          ))}
        </div>
      )}
    </section>
  );
}

function InboxCard({ group: g }: { group: InboxGroup }) {
  const { t } = useTranslation();
  const urgent = URGENT.has(g.kind);
  return (
    <Card
      size="small"
      className={`ll-page-card ll-inbox-card${urgent ? " ll-inbox-urgent" : ""}`}
      data-testid={`inbox-${g.kind}`}
      data-count={g.count}
      title={
        <Space size={8}>
          <span>{t(`inbox.kinds.${g.kind}`)}</span>
          <Badge count={g.count} overflowCount={999} color={urgent ? "#cf1322" : "#1677ff"} data-testid="inbox-count" />
        </Space>
      }
      extra={
        <Link to={g.link} data-testid="inbox-all">
          {t("inbox.all")}
        </Link>
      }
    >
      <ul className="ll-inbox-items">
        {g.items.map((item) => (
          <li key={item.id} className="ll-inbox-item" data-testid="inbox-item" data-id={item.id}>
            <div className="ll-inbox-item-text">
              <Link to={item.link} className="ll-inbox-item-title" data-testid="inbox-item-link">
                {item.title}
              </Link>
              <span className="ll-inbox-item-detail">
                {item.detail}
                {item.due && <DueText item={item} kind={g.kind} />}
              </span>
            </div>
            {g.kind === "applications" ? (
              <ApplicationActions id={item.id} />
            ) : (
              <Link to={item.link}>
                <Button size="small" type={urgent ? "primary" : "default"} ghost={urgent} data-testid="inbox-act">
                  {t(`inbox.actions.${g.kind}`)}
                </Button>
              </Link>
            )}
          </li>
        ))}
      </ul>
      {g.count > g.items.length && (
        <Link to={g.link} className="ll-inbox-more">
          {t("inbox.more", { count: g.count })}
        </Link>
      )}
    </Card>
  );
}

function DueText({ item, kind }: { item: InboxItem; kind: InboxGroup["kind"] }) {
  const { t } = useTranslation();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(item.due!) ? item.due! : formatDateTime(item.due!).slice(0, 16);
  return (
    <>
      {" · "}
      {kind === "activities" ? (
        <span>{t("inbox.startsAt", { day })}</span>
      ) : kind === "minutes" ? (
        <Tag color="warning" className="ll-inbox-tag">
          {t("inbox.endedAt", { day })}
        </Tag>
      ) : item.overdue ? (
        <Tag color="error" className="ll-inbox-tag">
          {t("inbox.overdueTag")} {day}
        </Tag>
      ) : (
        <span>{t("inbox.dueOn", { day })}</span>
      )}
    </>
  );
}

/** Approve or reject a talent application right from the inbox. */
function ApplicationActions({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const decide = useDecide();
  const client = useQueryClient();
  const run = (decision: "approve" | "reject") =>
    decide.mutate(
      { id, decision },
      {
        onSuccess: () => {
          void message.success(t(decision === "approve" ? "inbox.approved" : "inbox.rejected"));
          void client.invalidateQueries({ queryKey: inboxKeys.all });
        },
        onError: (e) => void message.error(errorMessage(e, t)),
      },
    );
  return (
    <Space size={4}>
      <Button size="small" type="primary" loading={decide.isPending} onClick={() => run("approve")} data-testid="inbox-approve">
        {t("inbox.approve")}
      </Button>
      <Button size="small" disabled={decide.isPending} onClick={() => run("reject")} data-testid="inbox-reject">
        {t("inbox.reject")}
      </Button>
    </Space>
  );
}
