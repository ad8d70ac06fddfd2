import { useEffect } from "react";
import { useLocation, useNavigate, Navigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMe } from "../../api/use-me";
import { ConsoleLoginPage } from "../../features/auth/console-login-page";
import { LanguageSwitch } from "../language-switch";

export function LoginRoute() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t("auth.title")} · ${t("app.name")}`;
  }, [t]);
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from !== "/login" ? from : "/";
  if (me.data) return <Navigate to={target} replace />;
  return <ConsoleLoginPage onSignedIn={() => navigate(target, { replace: true })} corner={<LanguageSwitch />} />;
}
