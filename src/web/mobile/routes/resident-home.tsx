import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import type { SessionUser } from "../../../contracts/auth";
import { MobileNotices } from "../../features/notices/mobile-notices";
import { Icon } from "../../lib/icons";
import { GridWorkerCard } from "../home/grid-worker-card";
import { MyOpenReports } from "../home/my-open-reports";
import { UpcomingList } from "../home/upcoming-list";
import { EntryGrid, type Entry } from "../entry-grid";
import { HomeHero } from "../home-hero";
import { Section } from "../section";
import "../home/home.css";

const ENTRIES: Entry[] = [
  { key: "report", icon: "camera", tone: "red", to: "/report" },
  { key: "myRequests", icon: "message", tone: "blue", to: "/my-cases" },
  { key: "activities", icon: "calendar", tone: "green", to: "/activities" },
  { key: "points", icon: "heart", tone: "orange", to: "/points" },
  { key: "deliberation", icon: "chat", tone: "purple", to: "/deliberation" },
  { key: "party", icon: "heart", tone: "red", to: "/party" },
  { key: "projects", icon: "clipboard", tone: "orange", to: "/projects" },
];

/**
 * Residents (and partner contacts, volunteers): their grid worker, their open reports (with 催办),
 * the community's notices and what comes next, then what they can do.
 */
export function ResidentHome({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const viewAll = (to: string) => (
    <button type="button" className="m-link" onClick={() => navigate(to)}>
      {t("residentHome.viewAll")}
      <Icon name="chevron" size={14} />
    </button>
  );
  const community = user.community?.name;
  // Below the community: the grid or micro-grid the resident lives in, when the account is placed that deep.
  const detail = user.area && (user.area.level === "grid" || user.area.level === "microgrid") ? user.area.name : undefined;
  return (
    <div className="m-home">
      <HomeHero
        user={user}
        areaLabel={community ? t("mobile.myCommunity") : t("mobile.myArea")}
        areaName={community}
        areaDetail={detail}
        tip={t("mobile.residentTip")}
      />
      <div className="m-home-body">
        {user.role === "resident" && (
          <Section title={t("residentHome.gridWorker")}>
            <GridWorkerCard />
          </Section>
        )}
        <Section title={t("residentHome.myReports")} extra={viewAll("/my-cases")}>
          <MyOpenReports />
        </Section>
        <Section title={t("residentHome.notices")}>
          <MobileNotices />
        </Section>
        <Section title={t("mobile.quickEntries")}>
          <EntryGrid entries={ENTRIES} />
        </Section>
        <Section title={t("residentHome.upcoming")} extra={viewAll("/activities")}>
          <UpcomingList />
        </Section>
        <div className="m-principle">{t("overview.principle")}</div>
      </div>
    </div>
  );
}
