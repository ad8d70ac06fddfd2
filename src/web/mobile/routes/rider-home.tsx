import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { SessionUser } from "../../../contracts/auth";
import { RiderStationsNearby } from "../../features/partners/rider-stations-nearby";
import { HazardSheet } from "../home/hazard-sheet";
import { EntryGrid, type Entry } from "../entry-grid";
import { HomeHero } from "../home-hero";
import { Section } from "../section";
import "../home/home.css";
import { Icon } from "../../lib/icons";

const ENTRIES: Entry[] = [
  { key: "snapshot", icon: "camera", tone: "red", to: "/report" },
  { key: "myRequests", icon: "message", tone: "blue", to: "/my-cases" },
  { key: "stations", icon: "station", tone: "orange", to: "/stations" },
  { key: "volunteer", icon: "heart", tone: "green", to: "/activities" },
  { key: "riderMap", icon: "map", tone: "purple", to: "/rider-friendly" },
  { key: "points", icon: "grid", tone: "blue", to: "/points" },
];

/**
 * Delivery riders acting as mobile grid reporters: a hazard reported in three taps, the nearest
 * stations (open now, amenities, navigation), then the other entries.
 */
export function RiderHome({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const [hazard, setHazard] = useState(false);
  return (
    <div className="m-home">
      <HomeHero user={user} areaLabel={user.area?.level === "community" ? t("mobile.myCommunity") : t("mobile.myArea")} tip={t("mobile.riderTip")} />
      <div className="m-home-body">
        <button type="button" className="rh-hazard-button" onClick={() => setHazard(true)} data-testid="rider-report-hazard">
          <Icon name="alert" size={26} />
          <span className="rh-hazard-text">
            <span className="rh-hazard-title">{t("riderHome.reportHazard")}</span>
            <span className="rh-hazard-hint">{t("riderHome.reportHazardHint")}</span>
          </span>
        </button>
        <HazardSheet visible={hazard} onClose={() => setHazard(false)} />
        <Section title={t("riderHome.stations")}>
          <RiderStationsNearby limit={4} />
        </Section>
        <Section title={t("mobile.quickEntries")}>
          <EntryGrid entries={ENTRIES} />
        </Section>
      </div>
    </div>
  );
}
