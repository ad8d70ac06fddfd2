import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { MobileMyParty, MobileProjectDetail, MobileProjectList } from "../../features/party/mobile-party";
import { SubPage } from "../sub-page";

/** 我的党建. */
export function PartyMineRoute() {
  const { t } = useTranslation();
  return (
    <SubPage title={t("party.mobile.entry")}>
      <MobileMyParty />
    </SubPage>
  );
}

/** 书记领办 projects residents follow. */
export function PartyProjectsRoute() {
  const { t } = useTranslation();
  return (
    <SubPage title={t("party.mobile.projects")}>
      <MobileProjectList />
    </SubPage>
  );
}

export function PartyProjectRoute() {
  const { t } = useTranslation();
  const { id } = useParams();
  return (
    <SubPage title={t("party.mobile.projects")}>
      <MobileProjectDetail id={id!} />
    </SubPage>
  );
}
