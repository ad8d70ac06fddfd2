import { Card, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { PublicConfig } from "../../api/use-public-config";

type DemoAccount = PublicConfig["demoAccounts"][number];

/** Demo mode only: the seeded staff accounts; picking one fills in the user name. */
export function DemoAccountTable({ accounts, onPick }: { accounts: DemoAccount[]; onPick: (username: string) => void }) {
  const { t } = useTranslation();
  const staff = accounts.filter((a): a is DemoAccount & { username: string } => !!a.username);
  if (staff.length === 0) return null;
  return (
    <Card className="ll-demo-accounts" size="small" title={t("auth.demoAccounts")} data-testid="demo-accounts">
      <Typography.Paragraph type="secondary" className="ll-demo-hint">
        {t("auth.demoAccountsHint")}
      </Typography.Paragraph>
      <Table<DemoAccount & { username: string }>
        rowKey="username"
        size="small"
        pagination={false}
        scroll={{ y: 220 }}
        dataSource={staff}
        onRow={(row) => ({ onClick: () => onPick(row.username), className: "ll-demo-row" })}
        columns={[
          { title: t("auth.username"), dataIndex: "username", width: 140, render: (v: string) => <span className="ll-mono">{v}</span> },
          { title: t("account.displayName"), dataIndex: "displayName", ellipsis: true },
          {
            title: t("account.role"),
            dataIndex: "role",
            width: 150,
            render: (v: string) => <Tag variant="filled">{t(`roles.${v}`, { defaultValue: v })}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
