import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { Button, Result, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { useMe } from "../api/use-me";
import { errorMessage } from "../lib/error-message";

/** Shows its children to a signed-in user; anyone else goes to /login and comes back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <div className="ll-fullscreen">
        <Spin size="large" />
      </div>
    );
  }
  if (me.isError) {
    return (
      <Result
        status="warning"
        title={errorMessage(me.error, t)}
        extra={<Button onClick={() => me.refetch()}>{t("common.retry")}</Button>}
      />
    );
  }
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}
