import { useParams, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { MobileEnterpriseVisitForm } from "../../features/enterprise/mobile-enterprise-visit-form";
import { MobileEnterpriseVisits } from "../../features/enterprise/mobile-enterprise-visits";
import { MobileRecheckForm, MobileRechecks } from "../../features/inspections/mobile-rechecks";
import { SubPage } from "../sub-page";

/** 企业走访: the grid worker's campaign visits. */
export function EnterpriseVisitsRoute() {
  const { t } = useTranslation();
  return (
    <SubPage title={t("enterprise.mobile.title")}>
      <MobileEnterpriseVisits />
    </SubPage>
  );
}

export function EnterpriseVisitRoute() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const [params] = useSearchParams();
  return (
    <SubPage title={t("enterprise.mobile.visitTitle")}>
      <MobileEnterpriseVisitForm key={id} placeId={id!} campaignId={params.get("campaign") ?? undefined} />
    </SubPage>
  );
}

/** 整改复查: open 责令整改 notices of the worker's grid. */
export function RechecksRoute() {
  const { t } = useTranslation();
  return (
    <SubPage title={t("inspections.mobile.title")}>
      <MobileRechecks />
    </SubPage>
  );
}

export function RecheckRoute() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  return (
    <SubPage title={t("inspections.mobile.recheckTitle")}>
      <MobileRecheckForm key={id} id={id!} />
    </SubPage>
  );
}
