import { useTranslation } from "react-i18next";
import { RiderStationList } from "../../features/places/rider-station-list";
import { SubPage } from "../sub-page";

export function StationsRoute() {
  const { t } = useTranslation();
  return (
    <SubPage title={t("mobile.stations.title")}>
      <RiderStationList />
    </SubPage>
  );
}
