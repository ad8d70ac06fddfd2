import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import type { SessionUser } from "../../../contracts/auth";
import { MobileQueueSummary } from "../../features/cases/mobile-queue-summary";
import { MobileOverviewCounts } from "../../features/overview/mobile-overview-counts";
import { MobileOutboxNotice } from "../../features/patrols/mobile-outbox-notice";
import { EntryGrid, type Entry } from "../entry-grid";
import { HomeHero } from "../home-hero";
import { Section } from "../section";

const ENTRIES: Entry[] = [
  { key: "cases", icon: "alert", tone: "red", to: "/queue" },
  { key: "workerReport", icon: "camera", tone: "orange", to: "/report" },
  { key: "patrols", icon: "clipboard", tone: "blue", to: "/patrols" },
  { key: "visits", icon: "door", tone: "green", to: "/registry" },
  { key: "residents", icon: "search", tone: "purple", to: "/residents" },
  { key: "survey", icon: "report", tone: "red", to: "/deliberation/survey" },
  { key: "deliberation", icon: "chat", tone: "purple", to: "/deliberation" },
  { key: "enterpriseVisits", icon: "station", tone: "blue", to: "/enterprise-visits" },
  { key: "rechecks", icon: "ledger", tone: "orange", to: "/rechecks" },
];

/** Grid worker (and other staff on a phone): their grid, its figures, the day's work. */
export function GridWorkerHome({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const areaLabel = user.area?.level === "grid" || user.area?.level === "microgrid" ? t("mobile.myGrid") : t("mobile.myArea");
  return (
    <div className="m-home">
      <HomeHero user={user} areaLabel={areaLabel} tip={t("mobile.workerTip")} />
      <div className="m-home-body">
        <MobileOutboxNotice onOpen={() => navigate("/patrols")} />
        <Section title={t("cases.home.title")}>
          <MobileQueueSummary onOpen={() => navigate("/queue")} />
        </Section>
        <Section title={t("mobile.gridCounts")}>
          <MobileOverviewCounts />
        </Section>
        <Section title={t("mobile.quickEntries")}>
          <EntryGrid entries={ENTRIES} />
        </Section>
      </div>
    </div>
  );
}
