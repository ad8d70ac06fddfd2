import { useLocation, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { MobileBuilding } from "../../features/registry/mobile-building";
import { MobileHousehold } from "../../features/registry/mobile-household";
import { MobileOwnRecord } from "../../features/registry/mobile-own-record";
import { MobileVisitForm } from "../../features/registry/mobile-visit-form";
import { MobileVisitsHome } from "../../features/registry/mobile-visits-home";
import { SubPage } from "../sub-page";

export function RegistryVisitsRoute() {
  const { t } = useTranslation();
  return (
    <SubPage title={t("registry.mobile.title")}>
      <MobileVisitsHome />
    </SubPage>
  );
}

export function RegistryBuildingRoute() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const name = (useLocation().state as { name?: string } | null)?.name;
  return (
    <SubPage title={name ?? t("registry.mobile.building")}>
      <MobileBuilding key={id} id={id!} />
    </SubPage>
  );
}

export function RegistryHouseholdRoute() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  return (
    <SubPage title={t("registry.mobile.household")}>
      <MobileHousehold key={id} id={id!} />
    </SubPage>
  );
}

export function RegistryVisitRoute() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  return (
    <SubPage title={t("registry.mobile.visitTitle")}>
      <MobileVisitForm key={id} householdId={id!} />
    </SubPage>
  );
}

/** 我的档案: the signed-in resident's own registry record. */
export function RegistryOwnRecordRoute() {
  const { t } = useTranslation();
  return (
    <SubPage title={t("registry.own.title")}>
      <MobileOwnRecord />
    </SubPage>
  );
}
