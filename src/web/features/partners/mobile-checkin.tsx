import { Button, ErrorBlock, Result, Skeleton, Toast } from "antd-mobile";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import "./partners.css";
import { formatSpan } from "./activity-labels";
import { useActivity, useCheckIn } from "./use-activities";

/**
 * Check-in at the venue, opened by scanning its QR code (`/m/checkin/<id>?code=…`); the volunteer
 * confirms with one tap and sees the hours and points earned.
 */
export function MobileCheckin({ id, code }: { id: string; code: string | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const activity = useActivity(id);
  const checkIn = useCheckIn(id);
  if (activity.isPending) return <Skeleton.Paragraph lineCount={6} animated className="m-pad" />;
  if (activity.isError) return <ErrorBlock status="default" title={errorMessage(activity.error, t)} description="" />;
  const a = activity.data;
  const result = checkIn.data;
  if (result) {
    return (
      <div data-testid="checkin-done">
        <Result
          status="success"
          title={result.already ? t("partners.mobile.checkin.again") : t("partners.mobile.checkin.done")}
          description={
            <>
              <div data-testid="checkin-earned">{t("partners.mobile.checkin.earned", { hours: result.hours, points: result.points })}</div>
              <div data-testid="checkin-balance">{t("partners.mobile.checkin.balance", { hours: result.balance.hours, points: result.balance.points })}</div>
            </>
          }
        />
        <div className="pt-m-actions">
          <Button block color="primary" onClick={() => navigate("/points")} data-testid="checkin-to-points">
            {t("partners.mobile.checkin.toPoints")}
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div data-testid="checkin-page">
      <div className="pt-m-head">
        <div className="pt-m-head-title">{a.title}</div>
        <div className="pt-m-head-sub">{formatSpan(a.startsAt, a.endsAt)}</div>
        <div className="pt-m-head-sub">{a.place}</div>
      </div>
      {!code ? (
        <ErrorBlock status="default" title={t("partners.mobile.checkin.missingCode")} description="" />
      ) : (
        <div className="pt-m-actions">
          <div className="pt-m-block">{t("partners.mobile.activities.reward", { hours: a.hours, points: a.points })}</div>
          <Button
            block
            color="primary"
            size="large"
            loading={checkIn.isPending}
            data-testid="checkin-submit"
            onClick={() => checkIn.mutate(code, { onError: (e) => Toast.show({ icon: "fail", content: errorMessage(e, t), duration: 3000 }) })}
          >
            {t("partners.mobile.checkin.confirm")}
          </Button>
        </div>
      )}
    </div>
  );
}
