import { useEffect, useState } from "react";
import { QueryClientProvider } from "@tanstack/react-query";
import { ConfigProvider } from "antd-mobile";
import zhCNLocale from "antd-mobile/es/locales/zh-CN";
import enUSLocale from "antd-mobile/es/locales/en-US";
import { BrowserRouter, Route, Routes } from "react-router";
import { useTranslation } from "react-i18next";
import { onUnauthenticated } from "../api/client";
import { createQueryClient } from "../api/query-client";
import { setMe } from "../api/use-me";
import { MobileLayout } from "./mobile-layout";
import { RequireAuth } from "./require-auth";
import { LoginRoute } from "./routes/login-route";
import { HomeRoute } from "./routes/home-route";
import { MineRoute } from "./routes/mine-route";
import { StationsRoute } from "./routes/stations-route";
import { NotFoundRoute } from "./routes/not-found-route";

/** The phone H5 app for grid workers, residents and riders, served under /m. */
export function MobileApp() {
  const [client] = useState(createQueryClient);
  const { t, i18n } = useTranslation();
  useEffect(() => onUnauthenticated(() => setMe(client, null)), [client]);
  useEffect(() => {
    document.title = t("app.mobile");
  }, [t, i18n.language]);

  return (
    <QueryClientProvider client={client}>
      <ConfigProvider locale={i18n.language === "en" ? enUSLocale : zhCNLocale}>
        <BrowserRouter basename="/m">
          <Routes>
            <Route path="/login" element={<LoginRoute />} />
            <Route
              element={
                <RequireAuth>
                  <MobileLayout />
                </RequireAuth>
              }
            >
              <Route index element={<HomeRoute />} />
              <Route path="mine" element={<MineRoute />} />
              <Route path="stations" element={<StationsRoute />} />
              <Route path="*" element={<NotFoundRoute />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
