import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { MeetingKind, MeetingStatus, PartyKind, TopicStatus } from "./types";

const TOPIC_COLORS: Record<TopicStatus, string> = { proposed: "default", on_agenda: "processing", decided: "blue", settled: "success", dropped: "default" };
const MEETING_COLORS: Record<MeetingStatus, string> = { planned: "blue", open: "processing", closed: "success", cancelled: "default" };
const SOURCE_COLORS: Record<string, string> = { case: "volcano", proposal: "purple", staff: "geekblue" };

export function TopicStatusTag({ status }: { status: TopicStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={TOPIC_COLORS[status]} data-testid="topic-status" data-status={status}>
      {t(`deliberation.topicStatus.${status}`)}
    </Tag>
  );
}

export function SourceTag({ source }: { source: string }) {
  const { t } = useTranslation();
  return <Tag color={SOURCE_COLORS[source]}>{t(`deliberation.source.${source}`)}</Tag>;
}

/** A meeting's state; 待补录 (needsMinutes) when its time has passed without minutes, never 待召开. */
export function MeetingStatusTag({ status, needsMinutes }: { status: MeetingStatus; needsMinutes?: boolean }) {
  const { t } = useTranslation();
  const key = needsMinutes ? "needsMinutes" : status;
  return (
    <Tag color={needsMinutes ? "warning" : MEETING_COLORS[status]} data-testid="meeting-status" data-status={key}>
      {t(`deliberation.meetingStatus.${key}`)}
    </Tag>
  );
}

export function KindTag({ kind }: { kind: MeetingKind }) {
  const { t } = useTranslation();
  return <Tag color="red" variant="outlined">{t(`deliberation.kind.${kind}`)}</Tag>;
}

export function PartyTag({ kind }: { kind: PartyKind }) {
  const { t } = useTranslation();
  return <Tag variant="filled">{t(`deliberation.party.${kind}`)}</Tag>;
}

/** Open, done, cancelled, or overdue when open past its due date. */
export function ResolutionStatusTag({ status, overdue }: { status: string; overdue?: boolean }) {
  const { t } = useTranslation();
  const key = status === "open" && overdue ? "overdue" : status;
  const color = key === "done" ? "success" : key === "overdue" ? "error" : key === "open" ? "processing" : "default";
  return (
    <Tag color={color} data-testid="resolution-status" data-status={key}>
      {t(`deliberation.resolutionStatus.${key}`)}
    </Tag>
  );
}

export function FivePartyTag() {
  const { t } = useTranslation();
  return (
    <Tag color="gold" data-testid="five-party">
      {t("deliberation.fivePartyTag")}
    </Tag>
  );
}
