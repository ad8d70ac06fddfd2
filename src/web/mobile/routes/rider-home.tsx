import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import type { SessionUser } from "../../../contracts/auth";
import { RiderStationList } from "../../features/places/rider-station-list";
import { EntryGrid, type Entry } from "../entry-grid";
import { HomeHero } from "../home-hero";
import { Section } from "../section";
import { Icon } from "../../lib/icons";

const ENTRIES: Entry[] = [
  { key: "snapshot", icon: "camera", tone: "red", to: "/report" },
  { key: "myRequests", icon: "message", tone: "blue", to: "/my-cases" },
  { key: "stations", icon: "station", tone: "orange", to: "/stations" },
  { key: "volunteer", icon: "heart", tone: "green", to: "/activities" },
  { key: "riderMap", icon: "map", tone: "purple", to: "/rider-friendly" },
  { key: "points", icon: "grid", tone: "blue", to: "/points" },
];

/** Delivery riders acting as mobile grid reporters: report, find a station, volunteer. */
export function RiderHome({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="m-home">
      <HomeHero user={user} areaLabel={user.area?.level === "community" ? t("mobile.myCommunity") : t("mobile.myArea")} tip={t("mobile.riderTip")} />
      <div className="m-home-body">
        <Section title={t("mobile.quickEntries")}>
          <EntryGrid entries={ENTRIES} />
        </Section>
        <Section
          title={t("mobile.stations.title")}
          extra={
            <button type="button" className="m-link" onClick={() => navigate("/stations")}>
              {t("common.viewAll")}
              <Icon name="chevron" size={14} />
            </button>
          }
        >
          <RiderStationList limit={3} />
        </Section>
      </div>
    </div>
  );
}
