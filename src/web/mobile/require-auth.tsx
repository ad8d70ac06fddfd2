import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { Button, ErrorBlock, SpinLoading } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { useMe } from "../api/use-me";
import { errorMessage } from "../lib/error-message";

/** Shows its children to a signed-in user; anyone else goes to /m/login. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <div className="m-fullscreen">
        <SpinLoading color="primary" />
      </div>
    );
  }
  if (me.isError) {
    return (
      <ErrorBlock status="disconnected" fullPage title={errorMessage(me.error, t)} description="">
        <Button color="primary" onClick={() => void me.refetch()}>
          {t("common.retry")}
        </Button>
      </ErrorBlock>
    );
  }
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}
