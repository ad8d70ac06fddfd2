import { useTranslation } from "react-i18next";
import type { SessionUser } from "../../../contracts/auth";
import { EntryGrid, type Entry } from "../entry-grid";
import { HomeHero } from "../home-hero";
import { Section } from "../section";

const ENTRIES: Entry[] = [
  { key: "report", icon: "camera", tone: "red", to: "/report" },
  { key: "myRequests", icon: "message", tone: "blue", to: "/my-cases" },
  { key: "activities", icon: "calendar", tone: "green", to: "/activities" },
  { key: "points", icon: "heart", tone: "orange", to: "/points" },
  { key: "deliberation", icon: "chat", tone: "purple", to: "/deliberation" },
];

/** Residents (and partner contacts, volunteers): their community and what they can do in it. */
export function ResidentHome({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
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
        <Section title={t("mobile.quickEntries")}>
          <EntryGrid entries={ENTRIES} />
        </Section>
        <div className="m-principle">{t("overview.principle")}</div>
      </div>
    </div>
  );
}
