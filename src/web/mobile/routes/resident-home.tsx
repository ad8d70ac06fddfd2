import { useTranslation } from "react-i18next";
import type { SessionUser } from "../../../contracts/auth";
import { useHomePlacement } from "../../features/areas/use-home-placement";
import { EntryGrid, type Entry } from "../entry-grid";
import { HomeHero } from "../home-hero";
import { Section } from "../section";

const ENTRIES: Entry[] = [
  { key: "report", icon: "camera", tone: "red" },
  { key: "myRequests", icon: "message", tone: "blue" },
  { key: "activities", icon: "calendar", tone: "green" },
  { key: "deliberation", icon: "chat", tone: "purple" },
];

/** Residents (and partner contacts, volunteers): their community and what they can do in it. */
export function ResidentHome({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const placement = useHomePlacement(user).data;
  const community = placement?.community?.name;
  // Below the community: the grid and micro-grid the resident lives in, if the area is that deep.
  const detail = [placement?.grid?.name, placement?.microgrid?.name].filter(Boolean).join(" · ");
  return (
    <div className="m-home">
      <HomeHero
        user={user}
        areaLabel={community ? t("mobile.myCommunity") : t("mobile.myArea")}
        areaName={community}
        areaDetail={detail || undefined}
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
