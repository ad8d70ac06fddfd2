import { Navigate, useLocation, useNavigate } from "react-router";
import { useMe } from "../../api/use-me";
import { MobileLoginPage } from "../../features/auth/mobile-login-page";
import { LanguageButton } from "../language-picker";

export function LoginRoute() {
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from !== "/login" ? from : "/";
  if (me.data) return <Navigate to={target} replace />;
  return <MobileLoginPage onSignedIn={() => navigate(target, { replace: true })} corner={<LanguageButton light />} />;
}
