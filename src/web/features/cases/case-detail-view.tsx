import type { ReactNode } from "react";
import { Alert, Card, Col, Descriptions, Empty, Image, Row, Skeleton, Steps, Tag, Timeline, Typography, type DescriptionsProps } from "antd";
import { useTranslation } from "react-i18next";
import { useAreaTree } from "../../api/use-area-tree";
import { errorMessage } from "../../lib/error-message";
import { formatDateTime } from "../../lib/format";
import { CaseActionBar } from "./case-action-bar";
import { CaseMiniMap } from "./case-mini-map";
import { areaWordsOf, coordinatesText } from "./case-place";
import { ChannelText, LevelTag, StatusTag, TimerTag } from "./case-tags";
import { departmentKey } from "./departments";
import { eventByline, eventFacts, eventTitle } from "./timeline-text";
import { useCase } from "./use-case";
import { useCategoryName } from "./use-categories";
import { LEVELS, type CaseDetail } from "./types";

/** A case for staff: every field, the levels it passed, its timeline, photos, and the actions allowed now. */
export function CaseDetailView({ id, header }: { id: string; header: (title: ReactNode) => ReactNode }) {
  const { t } = useTranslation();
  const query = useCase(id);
  if (query.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (query.isError) return <Alert type="error" showIcon title={errorMessage(query.error, t)} />;
  const c = query.data;
  return (
    <div data-testid="case-detail" data-status={c.status} data-level={c.level}>
      {header(
        <span className="ll-case-title">
          <span className="ll-mono" data-testid="case-number">
            {c.number}
          </span>
          <StatusTag status={c.status} />
          {c.status !== "closed" && <TimerTag c={c} />}
        </span>,
      )}
      <CaseActionBar c={c} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card className="ll-page-card" title={t("cases.detail.basic")}>
            <Fields c={c} />
          </Card>
          <Card className="ll-page-card ll-card-gap" title={t("cases.fields.photos")}>
            <Photos c={c} />
          </Card>
          {(c.resultText || c.closureKind) && (
            <Card className="ll-page-card ll-card-gap" title={t("cases.detail.result")} data-testid="case-result">
              <Result c={c} />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={9}>
          <Card className="ll-page-card" title={t("mapViews.mini.title")} data-testid="case-place-card">
            <CasePlace c={c} />
          </Card>
          <Card className="ll-page-card ll-card-gap" title={t("cases.fields.levelsPassed")}>
            <LevelsPassed c={c} />
          </Card>
          <Card className="ll-page-card ll-card-gap" title={t("cases.fields.timeline")}>
            <CaseTimeline c={c} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function Fields({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  const dept = departmentKey(c.department);
  const items: DescriptionsProps["items"] = [
    { key: "category", label: t("cases.fields.category"), children: categoryName(c.categoryCode, c.categoryName) },
    { key: "channel", label: t("cases.fields.channel"), children: <ChannelText c={c} /> },
    { key: "description", label: t("cases.fields.description"), children: <span className="ll-pre">{c.description}</span>, span: 2 },
    { key: "community", label: t("cases.fields.community"), children: c.community?.name ?? "—" },
    { key: "grid", label: t("cases.fields.grid"), children: c.grid?.name ?? "—" },
    { key: "address", label: t("cases.fields.address"), children: c.address ?? t("mapViews.mini.noAddress") },
    {
      key: "reporter",
      label: t("cases.fields.reporter"),
      children: (
        <span>
          {c.reporterName ?? "—"}
          {c.anonymous && (
            <Tag className="ll-inline-tag" variant="filled">
              {t("cases.anonymous")}
            </Tag>
          )}
        </span>
      ),
    },
    { key: "phone", label: t("cases.fields.reporterPhone"), children: c.reporterPhone ? <span className="ll-mono">{c.reporterPhone}</span> : "—" },
    { key: "level", label: t("cases.fields.level"), children: <LevelTag level={c.level} /> },
    { key: "handler", label: t("cases.fields.handler"), children: c.handler?.name ?? "—" },
    { key: "department", label: t("cases.fields.department"), children: c.department ? (dept ? t(`cases.departments.${dept}`) : c.department) : "—" },
    { key: "urge", label: t("cases.fields.urgeCount"), children: c.urgeCount },
    { key: "createdAt", label: t("cases.fields.createdAt"), children: formatDateTime(c.createdAt) },
    { key: "acceptDueAt", label: t("cases.fields.acceptDueAt"), children: c.acceptDueAt ? formatDateTime(c.acceptDueAt) : "—" },
    { key: "handleDueAt", label: t("cases.fields.handleDueAt"), children: c.handleDueAt ? formatDateTime(c.handleDueAt) : "—" },
    { key: "closedAt", label: t("cases.fields.closedAt"), children: c.closedAt ? formatDateTime(c.closedAt) : "—" },
  ];
  if (c.delayRequestedHours) {
    items.push({ key: "delay", label: t("cases.fields.delayRequested"), children: <Tag color="gold">{t("cases.form.hours", { count: c.delayRequestedHours })}</Tag> });
  }
  return <Descriptions column={{ xs: 1, md: 2 }} size="small" items={items} bordered data-testid="case-fields" />;
}

/** Where the case is: the address in words, the community and (micro-)grid, the small map; the point itself only as a faint line. */
function CasePlace({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const areas = useAreaTree().data ?? [];
  return (
    <div className="ll-case-place" data-testid="case-place">
      <span className="ll-case-place-address" data-testid="case-place-address">
        {c.address ?? t("mapViews.mini.noAddress")}
      </span>
      <span className="ll-muted" data-testid="case-place-area">
        {areaWordsOf(c, areas) || "—"}
      </span>
      {c.location ? (
        <>
          <CaseMiniMap c={c} areas={areas} />
          <span className="ll-case-place-coords ll-mono">{coordinatesText(c.location)}</span>
        </>
      ) : (
        <span className="ll-case-place-coords">{t("mapViews.mini.noLocation")}</span>
      )}
    </div>
  );
}

function Photos({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  if (c.photos.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("cases.detail.noPhotos")} />;
  const groups = [
    { key: "report", photos: c.photos.filter((p) => p.stage === "report") },
    { key: "result", photos: c.photos.filter((p) => p.stage === "result") },
    { key: "note", photos: c.photos.filter((p) => p.stage === "note") },
  ].filter((g) => g.photos.length > 0);
  return (
    <Image.PreviewGroup items={c.photos.map((p) => p.url)}>
      {groups.map((g) => (
        <div key={g.key} className="ll-photo-group">
          <Typography.Text type="secondary">{t(`cases.photoStage.${g.key}`)}</Typography.Text>
          <div className="ll-photos" data-testid={`photos-${g.key}`}>
            {g.photos.map((p) => (
              <Image key={p.id} src={p.thumbUrl} preview={{ src: p.url }} width={112} height={112} className="ll-photo" />
            ))}
          </div>
        </div>
      ))}
    </Image.PreviewGroup>
  );
}

function Result({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const items: DescriptionsProps["items"] = [];
  if (c.resultText) items.push({ key: "result", label: t("cases.fields.result"), children: <span className="ll-pre">{c.resultText}</span> });
  if (c.closureKind) items.push({ key: "closure", label: t("cases.fields.closure"), children: t(`cases.closure.${c.closureKind}`) });
  if (c.closureNote) items.push({ key: "closureNote", label: t("cases.fields.closureNote"), children: c.closureNote });
  if (c.referredTo) items.push({ key: "referredTo", label: t("cases.fields.referredTo"), children: c.referredTo });
  if (c.rating)
    items.push({ key: "rating", label: t("cases.fields.rating"), children: `${t(`cases.rating.${c.rating}`)}${c.ratingComment ? ` · ${c.ratingComment}` : ""}` });
  return <Descriptions column={1} size="small" items={items} />;
}

/** grid → community → street → department: the levels reached, with when and why. */
function LevelsPassed({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  // The last time the case arrived at each level (a case handed back down may pass a level twice).
  const reached = new Map(c.levelsPassed.map((l) => [l.level, l]));
  const highest = Math.max(...c.levelsPassed.map((l) => LEVELS.indexOf(l.level)), LEVELS.indexOf(c.level));
  return (
    <Steps
      orientation="vertical"
      size="small"
      current={LEVELS.indexOf(c.level)}
      data-testid="levels-passed"
      items={LEVELS.map((level, i) => {
        const hit = reached.get(level);
        return {
          key: level,
          title: t(`cases.level.${level}`),
          status: level === c.level && c.status !== "closed" ? "process" : hit ? "finish" : "wait",
          content: hit ? (
            <span className="ll-level-step">
              <span className="ll-mono">{formatDateTime(hit.at)}</span>
              {hit.reason && <span className="ll-muted"> · {hit.reason}</span>}
            </span>
          ) : i < highest ? (
            <span className="ll-muted ll-level-step">{t("cases.detail.levelSkipped")}</span>
          ) : null,
        };
      })}
    />
  );
}

function CaseTimeline({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="case-timeline"
      items={c.timeline.map((e) => {
        const facts = eventFacts(e, t);
        return {
          key: e.id,
          color: e.action === "reject" || e.action === "rework" || e.action === "reopen" ? "#f5222d" : e.action === "close" ? "#52c41a" : "#1677ff",
          content: (
            <div className="ll-timeline-body">
              <strong className="ll-timeline-title">{eventTitle(e, t)}</strong>
              <div className="ll-muted">{eventByline(e, t)}</div>
              {facts.length > 0 && <div>{facts.join(" · ")}</div>}
              {e.note && <div className="ll-timeline-note">{e.note}</div>}
            </div>
          ),
        };
      })}
    />
  );
}
