import { Descriptions, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { SessionUser } from "../../../contracts/auth";

/** Who the signed-in user is: name, account, role and area. */
export function ProfileDescriptions({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      column={1}
      size="middle"
      items={[
        { key: "name", label: t("account.displayName"), children: user.displayName },
        { key: "username", label: t("account.username"), children: user.username ?? "—" },
        { key: "phone", label: t("account.phone"), children: user.phone ?? "—" },
        { key: "role", label: t("account.role"), children: <Tag color="red" variant="filled">{t(`roles.${user.role}`)}</Tag> },
        {
          key: "area",
          label: t("account.area"),
          children: user.area ? t("areas.selected", { name: user.area.name, level: t(`levels.${user.area.level}`) }) : "—",
        },
        ...(user.department ? [{ key: "department", label: t("account.department"), children: user.department }] : []),
      ]}
    />
  );
}
