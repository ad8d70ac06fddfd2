import { useNavigate, useParams, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { MobileActivityDetail } from "../../features/partners/mobile-activity-detail";
import { MobileActivityList } from "../../features/partners/mobile-activity-list";
import { MobileCheckin } from "../../features/partners/mobile-checkin";
import { MobileJoinPage } from "../../features/partners/mobile-join-page";
import { MobilePoints } from "../../features/partners/mobile-points";
import { MobileRewards } from "../../features/partners/mobile-rewards";
import { MobileRiderFriendly } from "../../features/partners/mobile-rider-friendly";
import { LanguageButton } from "../language-picker";
import { SubPage } from "../sub-page";

/** The public sign-up page of a recruitment call (no account needed), at /m/join/<slug>. */
export function PartnersJoinRoute() {
  const { slug } = useParams();
  return (
    <div className="m-shell">
      <main className="m-page m-page-full">
        <div className="m-login-corner">
          <LanguageButton light />
        </div>
        <MobileJoinPage slug={slug!} />
      </main>
    </div>
  );
}

/** 社区活动. */
export function PartnersActivitiesRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <SubPage title={t("partners.mobile.activities.title")}>
      <MobileActivityList onOpen={(id) => navigate(`/activities/${id}`)} />
    </SubPage>
  );
}

export function PartnersActivityRoute() {
  const { t } = useTranslation();
  const { id } = useParams();
  return (
    <SubPage title={t("partners.mobile.activities.title")}>
      <MobileActivityDetail key={id} id={id!} />
    </SubPage>
  );
}

/** Opened by scanning the venue's QR code: /m/checkin/<activity id>?code=… */
export function PartnersCheckinRoute() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params] = useSearchParams();
  return (
    <SubPage title={t("partners.mobile.checkin.title")}>
      <MobileCheckin key={id} id={id!} code={params.get("code")} />
    </SubPage>
  );
}

export function PartnersPointsRoute() {
  const { t } = useTranslation();
  return (
    <SubPage title={t("partners.mobile.points.title")}>
      <MobilePoints />
    </SubPage>
  );
}

export function PartnersRewardsRoute() {
  const { t } = useTranslation();
  return (
    <SubPage title={t("partners.mobile.rewards.title")}>
      <MobileRewards />
    </SubPage>
  );
}

export function PartnersRiderRoute() {
  const { t } = useTranslation();
  return (
    <SubPage title={t("partners.mobile.rider.title")}>
      <MobileRiderFriendly />
    </SubPage>
  );
}
