import type { ReactNode } from "react";
import { Button, Result } from "antd";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../api/use-me";

/** A page for holders of one permission; others see a polite refusal instead of a failing request. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  if (hasPermission(me.data, permission)) return children;
  return (
    <Result
      status="403"
      title={t("errors.FORBIDDEN")}
      extra={
        <Button type="primary" onClick={() => navigate("/account")}>
          {t("nav.account")}
        </Button>
      }
    />
  );
}
