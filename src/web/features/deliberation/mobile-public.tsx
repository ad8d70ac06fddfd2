import { useState } from "react";
import { Button, ErrorBlock, Image, ImageViewer, ProgressBar, PullToRefresh, SearchBar, Skeleton, Tabs, Tag, Toast } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { formatDateTime } from "../../lib/format";
import { totalFigure, totalText } from "../../lib/list-total";
import type { PublicMeeting, PublicResolution, PublicTopic } from "./types";
import { useDelibWrite, usePublicMeetings, usePublicQuestionnaires, usePublicTopic, usePublicTopics } from "./use-deliberation";

const TOPIC_TAG: Record<string, string> = { proposed: "default", on_agenda: "primary", decided: "warning", settled: "success", dropped: "default" };

/** 议事公开 on the phone: the community's topics (support them, propose one), upcoming meetings and open questionnaires. */
export function MobileDeliberationHome({ onOpenTopic, onPropose, onAnswer }: { onOpenTopic: (id: string) => void; onPropose: () => void; onAnswer: (id: string) => void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState("topics");
  return (
    <div className="dlm-page">
      <Tabs activeKey={tab} onChange={setTab} className="dlm-tabs">
        <Tabs.Tab title={t("deliberation.mobile.tabs.topics")} key="topics" />
        <Tabs.Tab title={t("deliberation.mobile.tabs.meetings")} key="meetings" />
        <Tabs.Tab title={t("deliberation.mobile.tabs.surveys")} key="surveys" />
      </Tabs>
      {tab === "topics" && (
        <>
          <div className="dlm-propose">
            <Button block color="primary" fill="outline" onClick={onPropose} data-testid="propose">
              {t("deliberation.mobile.propose")}
            </Button>
          </div>
          <TopicList onOpen={onOpenTopic} />
        </>
      )}
      {tab === "meetings" && <MeetingList />}
      {tab === "surveys" && <SurveyList onAnswer={onAnswer} />}
    </div>
  );
}

const TOPIC_FILTERS = ["proposed", "on_agenda", "decided", "settled"] as const;

/** The community's topics, newest first, by state (chips) and by words, with how many match. */
function TopicList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string>();
  const [words, setWords] = useState("");
  const list = usePublicTopics({ status, q: words.trim() });
  const body = () => {
    if (list.isPending) return <Skeleton.Paragraph lineCount={8} animated className="m-pad" />;
    if (list.isError) return <ErrorBlock status="default" title={errorMessage(list.error, t)} description="" />;
    const items = list.data.items;
    return (
      <>
        <div className="dlm-total m-muted" data-testid="public-topics-total" data-total={list.data.total}>
          {list.data.total > items.length ? t("common.shownOfTotal", { shown: items.length, total: totalFigure(list.data) }) : totalText(t, list.data)}
        </div>
        {items.length === 0 ? (
          <ErrorBlock status="empty" title={t("deliberation.mobile.noTopics")} description="" className="dlm-empty" />
        ) : (
          <div className="dlm-list" data-testid="public-topics">
            {items.map((topic) => (
              <TopicCard key={topic.id} topic={topic} onOpen={() => onOpen(topic.id)} />
            ))}
          </div>
        )}
      </>
    );
  };
  return (
    <PullToRefresh onRefresh={async () => void (await list.refetch())}>
      <div className="dlm-filters">
        <SearchBar placeholder={t("deliberation.mobile.searchTopics")} onSearch={setWords} onClear={() => setWords("")} maxLength={60} data-testid="topic-search" />
        <div className="dlm-chips" data-testid="topic-status-filter">
          <Tag round color={status ? "default" : "primary"} fill={status ? "outline" : "solid"} onClick={() => setStatus(undefined)} data-testid="topic-status-all">
            {t("deliberation.mobile.allTopics")}
          </Tag>
          {TOPIC_FILTERS.map((s) => (
            <Tag key={s} round color={status === s ? "primary" : "default"} fill={status === s ? "solid" : "outline"} onClick={() => setStatus(s)} data-testid={`topic-status-${s}`}>
              {t(`deliberation.topicStatus.${s}`)}
            </Tag>
          ))}
        </div>
      </div>
      {body()}
    </PullToRefresh>
  );
}

function TopicCard({ topic, onOpen }: { topic: PublicTopic; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="dlm-card" onClick={onOpen} role="button" tabIndex={0} data-testid="public-topic" data-topic-id={topic.id}>
      <div className="dlm-card-title">{topic.title}</div>
      <div className="dlm-card-desc dlm-clamp">{topic.description}</div>
      <div className="dlm-row">
        <div className="dlm-meta">
          <Tag color={TOPIC_TAG[topic.status]} fill="outline">
            {t(`deliberation.topicStatus.${topic.status}`)}
          </Tag>
          {topic.mine && <Tag color="primary">{t("deliberation.mobile.mine")}</Tag>}
          <span>{t("deliberation.mobile.supports", { count: topic.supportCount })}</span>
          {topic.caseCount > 0 && <span>{t("deliberation.mobile.cases", { count: topic.caseCount })}</span>}
        </div>
        <SupportButton topic={topic} />
      </div>
    </div>
  );
}

/** One support per person, never one's own proposal, and only while the topic is still to be discussed. */
function SupportButton({ topic }: { topic: PublicTopic }) {
  const { t } = useTranslation();
  const write = useDelibWrite<{ topicId: string; supportCount: number }>();
  if (topic.mine || (topic.status !== "proposed" && topic.status !== "on_agenda")) return null;
  if (topic.supportedByMe)
    return (
      <Button size="mini" disabled data-testid="supported">
        {t("deliberation.mobile.supported")}
      </Button>
    );
  return (
    <Button
      size="mini"
      color="primary"
      loading={write.isPending}
      onClick={(e) => {
        e.stopPropagation();
        write.mutate(
          { path: `/topics/${topic.id}/supports` },
          {
            onSuccess: () => Toast.show({ icon: "success", content: t("deliberation.mobile.supportDone") }),
            onError: (err) => Toast.show({ icon: "fail", content: errorMessage(err, t) }),
          },
        );
      }}
      data-testid="support"
    >
      {t("deliberation.mobile.support")}
    </Button>
  );
}

function MeetingList() {
  const { t } = useTranslation();
  const list = usePublicMeetings();
  if (list.isPending) return <Skeleton.Paragraph lineCount={8} animated className="m-pad" />;
  if (list.isError) return <ErrorBlock status="default" title={errorMessage(list.error, t)} description="" />;
  if (list.data.length === 0) return <ErrorBlock status="empty" title={t("deliberation.mobile.noMeetings")} description="" className="dlm-empty" />;
  return (
    <div className="dlm-list" data-testid="public-meetings">
      {list.data.map((m) => (
        <MeetingCard key={m.id} m={m} />
      ))}
    </div>
  );
}

function MeetingCard({ m }: { m: PublicMeeting }) {
  const { t } = useTranslation();
  return (
    <div className="dlm-card" data-testid="public-meeting">
      <div className="dlm-card-title">{m.title}</div>
      <div className="dlm-meta">
        <Tag color="danger" fill="outline">
          {t(`deliberation.kind.${m.kind}`)}
        </Tag>
        <span>{`${formatDateTime(m.startsAt).slice(0, 16)} – ${formatDateTime(m.endsAt).slice(11, 16)}`}</span>
      </div>
      <div className="dlm-card-desc dlm-gap">{m.place}</div>
      {m.agenda.length > 0 && (
        <div className="dlm-update">
          <strong>{t("deliberation.mobile.agenda")}：</strong>
          {m.agenda.map((a) => a.title).join(t("deliberation.common.listSeparator"))}
        </div>
      )}
      {m.parties.length > 0 && (
        <div className="dlm-update">
          <strong>{t("deliberation.mobile.parties")}：</strong>
          {m.parties.map((p) => p.name).join(t("deliberation.common.listSeparator"))}
        </div>
      )}
    </div>
  );
}

function SurveyList({ onAnswer }: { onAnswer: (id: string) => void }) {
  const { t } = useTranslation();
  const list = usePublicQuestionnaires();
  if (list.isPending) return <Skeleton.Paragraph lineCount={6} animated className="m-pad" />;
  if (list.isError) return <ErrorBlock status="default" title={errorMessage(list.error, t)} description="" />;
  if (list.data.length === 0) return <ErrorBlock status="empty" title={t("deliberation.mobile.noSurveys")} description="" className="dlm-empty" />;
  return (
    <div className="dlm-list" data-testid="public-surveys">
      {list.data.map((q) => {
        const blocked = q.answered || (q.householdAnswered && q.questions.some((x) => x.isVote));
        return (
          <div key={q.id} className="dlm-card">
            <div className="dlm-card-title">{q.title}</div>
            <div className="dlm-meta">
              <span>{t("deliberation.mobile.round", { round: q.round })}</span>
              {q.closesAt && <span>{formatDateTime(q.closesAt).slice(0, 16)}</span>}
            </div>
            <div className="dlm-row">
              <span className="dlm-meta">{q.answered ? t("deliberation.mobile.answered") : q.householdAnswered ? t("deliberation.mobile.householdAnswered") : ""}</span>
              <Button size="small" color="primary" disabled={blocked} onClick={() => onAnswer(q.id)} data-testid="answer">
                {q.answered ? t("deliberation.mobile.answered") : t("deliberation.mobile.answer")}
              </Button>
            </div>
          </div>
        );
      })}
    </div>
  );
}

/** One topic for residents: what it is, who supports it, and its resolutions with their progress and photos. */
export function MobileTopicDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = usePublicTopic(id);
  if (query.isPending) return <Skeleton.Paragraph lineCount={10} animated className="m-pad" />;
  if (query.isError) return <ErrorBlock status="default" title={errorMessage(query.error, t)} description="" />;
  const topic = query.data;
  return (
    <div className="dlm-list dlm-page" data-testid="public-topic-detail" data-status={topic.status}>
      <div className="dlm-card">
        <div className="dlm-card-title">{topic.title}</div>
        <div className="dlm-meta">
          <Tag color={TOPIC_TAG[topic.status]} fill="outline" data-testid="public-topic-status">
            {t(`deliberation.topicStatus.${topic.status}`)}
          </Tag>
          <span>{t(`deliberation.source.${topic.source}`)}</span>
          <span>{formatDateTime(topic.createdAt).slice(0, 10)}</span>
        </div>
        <div className="dlm-card-desc dlm-gap-top">{topic.description}</div>
        {topic.affected.length > 0 && (
          <div className="dlm-meta">
            {topic.affected.map((a) => (
              <Tag key={a} fill="outline">
                {a}
              </Tag>
            ))}
          </div>
        )}
        <div className="dlm-row">
          <span className="dlm-meta">{t("deliberation.mobile.supports", { count: topic.supportCount })}</span>
          <SupportButton topic={topic} />
        </div>
      </div>
      <div className="dlm-card" data-testid="public-resolutions">
        <div className="dlm-section-title">{t("deliberation.mobile.resolutions")}</div>
        {topic.resolutions.length === 0 ? (
          <div className="dlm-meta">{t("deliberation.mobile.noResolution")}</div>
        ) : (
          topic.resolutions.map((r) => <ResolutionBlock key={r.id} r={r} />)
        )}
      </div>
    </div>
  );
}

function ResolutionBlock({ r }: { r: PublicResolution }) {
  const { t } = useTranslation();
  const key = r.status === "open" && r.overdue ? "overdue" : r.status;
  return (
    <div className="dlm-resolution" data-testid="public-resolution" data-status={r.status}>
      <div className="dlm-meta">
        <Tag color={key === "done" ? "success" : key === "overdue" ? "danger" : "primary"}>{t(`deliberation.resolutionStatus.${key}`)}</Tag>
        {r.fiveParty && <Tag color="warning">{t("deliberation.fivePartyTag")}</Tag>}
        <span>{`${t(`deliberation.kind.${r.meeting.kind}`)} · ${formatDateTime(r.meeting.startsAt).slice(0, 10)}`}</span>
      </div>
      <div className="dlm-card-desc dlm-gap-top">{r.text}</div>
      <ProgressBar percent={r.percent} text style={{ "--fill-color": r.status === "done" ? "var(--adm-color-success)" : "var(--adm-color-primary)" }} />
      <div className="dlm-update">{t("deliberation.mobile.owners", { names: r.owners.map((o) => o.name).join(t("deliberation.common.listSeparator")) })}</div>
      <div className="dlm-update">{r.doneAt ? t("deliberation.mobile.doneAt", { day: formatDateTime(r.doneAt).slice(0, 10) }) : t("deliberation.mobile.due", { day: r.dueOn })}</div>
      {r.updates.length > 0 && (
        <div className="dlm-gap-top">
          <div className="dlm-update">
            <strong>{t("deliberation.mobile.progress")}</strong>
          </div>
          {[...r.updates].reverse().map((u, i) => (
            <div key={i} className="dlm-update">
              <span>{`${formatDateTime(u.at).slice(0, 10)} · ${u.percent}% · ${u.text}`}</span>
              <Photos photos={u.photos} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

function Photos({ photos }: { photos: Array<{ id: string; url: string; thumbUrl: string }> }) {
  const [open, setOpen] = useState<number | null>(null);
  if (photos.length === 0) return null;
  return (
    <>
      <div className="dlm-photos">
        {photos.map((p, i) => (
          <Image key={p.id} src={p.thumbUrl} width={72} height={72} fit="cover" className="dlm-photo" onClick={() => setOpen(i)} lazy />
        ))}
      </div>
      <ImageViewer.Multi images={photos.map((p) => p.url)} visible={open !== null} defaultIndex={open ?? 0} onClose={() => setOpen(null)} />
    </>
  );
}
