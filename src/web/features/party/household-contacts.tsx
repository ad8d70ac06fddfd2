import { Descriptions } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { apiGet } from "../../api/client";
import type { HouseholdContacts } from "../../../contracts/party";

/** The 楼栋长 of a household's building and the 中心户 looking after it, beside the register's household. */
export function HouseholdPartyContacts({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const contacts = useQuery({
    queryKey: ["party", "contacts", householdId],
    queryFn: ({ signal }) => apiGet<HouseholdContacts>(`/party/households/${householdId}/contacts`, undefined, signal),
  });
  if (!contacts.data) return null;
  const { buildingLeader, anchor } = contacts.data;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      style={{ marginBottom: 12 }}
      data-testid="household-party-contacts"
      items={[
        { key: "leader", label: t("party.role.building_leader"), children: buildingLeader ? `${buildingLeader.name}（${buildingLeader.group}）` : "—" },
        { key: "anchor", label: t("party.role.anchor_household"), children: anchor ? `${anchor.name} · ${anchor.address}` : "—" },
      ]}
    />
  );
}
