import { NavBar } from "antd-mobile";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { RiderStationList } from "../../features/places/rider-station-list";

export function StationsRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="m-subpage">
      <NavBar className="m-navbar" onBack={() => navigate("/")}>
        {t("mobile.stations.title")}
      </NavBar>
      <RiderStationList />
    </div>
  );
}
