import { Button, ErrorBlock, Result } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/api-error";
import { errorMessage } from "../../lib/error-message";
import { formatDateTime } from "../../lib/format";
import { useDelibWrite, usePublicMeetings } from "./use-deliberation";

type Reply = { meetingId: string; attendanceId: string; already: boolean; attendeeCount: number };

/**
 * The page the meeting's QR code opens: the signed-in user confirms and is counted present.
 * Signing in twice is harmless; a meeting that is over refuses with the server's message. The party the
 * sign-in counts for is decided by the server (invitation, account, or staff on site), never chosen here.
 */
export function MobileCheckin({ meetingId, code, onHome }: { meetingId: string; code: string | null; onHome: () => void }) {
  const { t } = useTranslation();
  const meetings = usePublicMeetings();
  const write = useDelibWrite<Reply>();
  const meeting = meetings.data?.find((m) => m.id === meetingId);

  if (!code) return <ErrorBlock status="default" title={t("deliberation.mobile.checkinNoCode")} description="" />;
  if (write.isSuccess) {
    return (
      <div className="dlm-checkin" data-testid="checkin-result" data-already={write.data.already}>
        <Result
          status="success"
          title={write.data.already ? t("deliberation.mobile.checkinAlready") : t("deliberation.mobile.checkinDone")}
          description={t("deliberation.mobile.checkinCount", { count: write.data.attendeeCount })}
        />
        <Button block onClick={onHome}>
          {t("deliberation.mobile.backHome")}
        </Button>
      </div>
    );
  }
  return (
    <div className="dlm-checkin" data-testid="checkin-page">
      {meeting && (
        <div className="dlm-checkin-head">
          <div className="dlm-checkin-title">{meeting.title}</div>
          <div className="m-muted">{t("deliberation.mobile.checkinMeeting", { kind: t(`deliberation.kind.${meeting.kind}`), place: meeting.place })}</div>
          <div className="m-muted">{`${formatDateTime(meeting.startsAt).slice(0, 16)} – ${formatDateTime(meeting.endsAt).slice(11, 16)}`}</div>
        </div>
      )}
      <div className="dlm-card">
        <div className="dlm-section-title">{t("deliberation.mobile.checkinAs")}</div>
        <div className="m-muted dlm-hint">{t("deliberation.mobile.checkinAsHint")}</div>
      </div>
      {write.isError && (
        <ErrorBlock
          status="default"
          title={errorMessage(write.error, t)}
          description=""
          data-testid="checkin-error"
          data-code={isApiError(write.error) ? write.error.code : undefined}
        />
      )}
      <Button block color="primary" size="large" loading={write.isPending} onClick={() => write.mutate({ path: `/meetings/${meetingId}/checkin`, body: { code } })} data-testid="checkin-submit">
        {t("deliberation.mobile.checkinButton")}
      </Button>
    </div>
  );
}
