import { lazy, Suspense, useEffect, useState, type ComponentType } from "react";
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
import { NotFoundRoute } from "./routes/not-found-route";
import { registerOfflineShell } from "../features/patrols/offline-shell";

// Pages past the tabs load on first visit (the report form brings the map library).
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => lazy(() => load().then((m) => ({ default: m[name] })));
const NotificationsRoute = page(() => import("./routes/notifications-route"), "NotificationsRoute");
const StationsRoute = page(() => import("./routes/stations-route"), "StationsRoute");
const ReportRoute = page(() => import("./routes/report-route"), "ReportRoute");
const ReportDoneRoute = page(() => import("./routes/report-done-route"), "ReportDoneRoute");
const MyCasesRoute = page(() => import("./routes/my-cases-route"), "MyCasesRoute");
const QueueRoute = page(() => import("./routes/queue-route"), "QueueRoute");
const CaseRoute = page(() => import("./routes/case-route"), "CaseRoute");
const ResidentsRoute = page(() => import("./routes/residents-route"), "ResidentsRoute");
const PartnersJoinRoute = page(() => import("./routes/partners-routes"), "PartnersJoinRoute");
const PartnersActivitiesRoute = page(() => import("./routes/partners-routes"), "PartnersActivitiesRoute");
const PartnersActivityRoute = page(() => import("./routes/partners-routes"), "PartnersActivityRoute");
const PartnersCheckinRoute = page(() => import("./routes/partners-routes"), "PartnersCheckinRoute");
const PartnersPointsRoute = page(() => import("./routes/partners-routes"), "PartnersPointsRoute");
const PartnersRewardsRoute = page(() => import("./routes/partners-routes"), "PartnersRewardsRoute");
const PartnersRiderRoute = page(() => import("./routes/partners-routes"), "PartnersRiderRoute");
const RegistryVisitsRoute = page(() => import("./routes/registry-routes"), "RegistryVisitsRoute");
const RegistryBuildingRoute = page(() => import("./routes/registry-routes"), "RegistryBuildingRoute");
const RegistryHouseholdRoute = page(() => import("./routes/registry-routes"), "RegistryHouseholdRoute");
const RegistryVisitRoute = page(() => import("./routes/registry-routes"), "RegistryVisitRoute");
const RegistryOwnRecordRoute = page(() => import("./routes/registry-routes"), "RegistryOwnRecordRoute");
const DeliberationRoute = page(() => import("./routes/deliberation-route"), "DeliberationRoute");
const MeetingCheckinRoute = page(() => import("./routes/deliberation-route"), "MeetingCheckinRoute");
const PatrolsRoute = page(() => import("./routes/patrols-route"), "PatrolsRoute");
const PatrolsTaskRoute = page(() => import("./routes/patrols-task-route"), "PatrolsTaskRoute");
const EnterpriseVisitsRoute = page(() => import("./routes/enterprise-routes"), "EnterpriseVisitsRoute");
const EnterpriseVisitRoute = page(() => import("./routes/enterprise-routes"), "EnterpriseVisitRoute");
const RechecksRoute = page(() => import("./routes/enterprise-routes"), "RechecksRoute");
const PartyMineRoute = page(() => import("./routes/party-routes"), "PartyMineRoute");
const PartyProjectsRoute = page(() => import("./routes/party-routes"), "PartyProjectsRoute");
const PartyProjectRoute = page(() => import("./routes/party-routes"), "PartyProjectRoute");
const RecheckRoute = page(() => import("./routes/enterprise-routes"), "RecheckRoute");

/** The phone H5 app for grid workers, residents and riders, served under /m. */
export function MobileApp() {
  const [client] = useState(createQueryClient);
  const { t, i18n } = useTranslation();
  useEffect(() => onUnauthenticated(() => setMe(client, null)), [client]);
  // The app shell stays on the phone for work without network (patrol forms queue offline).
  useEffect(registerOfflineShell, []);
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
              path="/join/:slug"
              element={
                <Suspense fallback={null}>
                  <PartnersJoinRoute />
                </Suspense>
              }
            />
            <Route
              element={
                <RequireAuth>
                  <MobileLayout />
                </RequireAuth>
              }
            >
              <Route index element={<HomeRoute />} />
              <Route path="notifications" element={<NotificationsRoute />} />
              <Route path="mine" element={<MineRoute />} />
              <Route path="stations" element={<StationsRoute />} />
              <Route path="report" element={<ReportRoute />} />
              <Route path="report/done/:id" element={<ReportDoneRoute />} />
              <Route path="my-cases" element={<MyCasesRoute />} />
              <Route path="queue" element={<QueueRoute />} />
              <Route path="cases/:id" element={<CaseRoute />} />
              <Route path="residents" element={<ResidentsRoute />} />
              <Route path="activities" element={<PartnersActivitiesRoute />} />
              <Route path="activities/:id" element={<PartnersActivityRoute />} />
              <Route path="checkin/:id" element={<PartnersCheckinRoute />} />
              <Route path="points" element={<PartnersPointsRoute />} />
              <Route path="rewards" element={<PartnersRewardsRoute />} />
              <Route path="rider-friendly" element={<PartnersRiderRoute />} />
              <Route path="registry" element={<RegistryVisitsRoute />} />
              <Route path="registry/buildings/:id" element={<RegistryBuildingRoute />} />
              <Route path="registry/households/:id" element={<RegistryHouseholdRoute />} />
              <Route path="registry/households/:id/visit" element={<RegistryVisitRoute />} />
              <Route path="me/record" element={<RegistryOwnRecordRoute />} />
              <Route path="deliberation/*" element={<DeliberationRoute />} />
              <Route path="meetings/:id/checkin" element={<MeetingCheckinRoute />} />
              <Route path="patrols" element={<PatrolsRoute />} />
              <Route path="patrols/tasks/:id" element={<PatrolsTaskRoute />} />
              <Route path="enterprise-visits" element={<EnterpriseVisitsRoute />} />
              <Route path="enterprise-visits/:id" element={<EnterpriseVisitRoute />} />
              <Route path="rechecks" element={<RechecksRoute />} />
              <Route path="rechecks/:id" element={<RecheckRoute />} />
              <Route path="party" element={<PartyMineRoute />} />
              <Route path="projects" element={<PartyProjectsRoute />} />
              <Route path="projects/:id" element={<PartyProjectRoute />} />
              <Route path="*" element={<NotFoundRoute />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
