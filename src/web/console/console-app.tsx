import { lazy, Suspense, useEffect, useState } from "react";
import { QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import zhCNLocale from "antd/locale/zh_CN";
import enUSLocale from "antd/locale/en_US";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { useTranslation } from "react-i18next";
import { onUnauthenticated } from "../api/client";
import { createQueryClient } from "../api/query-client";
import { setMe } from "../api/use-me";
import { consoleTheme } from "./theme";
import { CONSOLE_PATHS } from "./console-paths";
import { ConsoleLayout } from "./console-layout";
import { RequireAuth } from "./require-auth";
import { LoginRoute } from "./routes/login-route";
import { HomeRoute } from "./routes/home-route";
import { NotFoundRoute } from "./routes/not-found-route";

// Pages past the home page load on first visit (the map library is only needed on /areas).
const AreasRoute = lazy(() => import("./routes/areas-route").then((m) => ({ default: m.AreasRoute })));
const PeopleRoute = lazy(() => import("./routes/people-route").then((m) => ({ default: m.PeopleRoute })));
const RegistryRoute = lazy(() => import("./routes/registry-route").then((m) => ({ default: m.RegistryRoute })));
const RegistryHouseholdRoute = lazy(() => import("./routes/registry-detail-route").then((m) => ({ default: m.RegistryHouseholdRoute })));
const RegistryPersonRoute = lazy(() => import("./routes/registry-detail-route").then((m) => ({ default: m.RegistryPersonRoute })));
const AuditRoute = lazy(() => import("./routes/audit-route").then((m) => ({ default: m.AuditRoute })));
const PartnersUnitsRoute = lazy(() => import("./routes/partners-units-route").then((m) => ({ default: m.PartnersUnitsRoute })));
const PartnersUnitRoute = lazy(() => import("./routes/partners-unit-route").then((m) => ({ default: m.PartnersUnitRoute })));
const PartnersTalentRoute = lazy(() => import("./routes/partners-talent-route").then((m) => ({ default: m.PartnersTalentRoute })));
const PartnersActivitiesRoute = lazy(() => import("./routes/partners-activities-route").then((m) => ({ default: m.PartnersActivitiesRoute })));
const PartnersActivityRoute = lazy(() => import("./routes/partners-activity-route").then((m) => ({ default: m.PartnersActivityRoute })));
const PartnersPointsRoute = lazy(() => import("./routes/partners-points-route").then((m) => ({ default: m.PartnersPointsRoute })));
const AccountRoute = lazy(() => import("./routes/account-route").then((m) => ({ default: m.AccountRoute })));
const CaseSettingsRoute = lazy(() => import("./routes/case-settings-route").then((m) => ({ default: m.CaseSettingsRoute })));
const CasesRoute = lazy(() => import("./routes/cases-route").then((m) => ({ default: m.CasesRoute })));
const CaseRoute = lazy(() => import("./routes/case-route").then((m) => ({ default: m.CaseRoute })));
const CaseStatsRoute = lazy(() => import("./routes/case-stats-route").then((m) => ({ default: m.CaseStatsRoute })));
const PatrolsRoute = lazy(() => import("./routes/patrols-route").then((m) => ({ default: m.PatrolsRoute })));
const StreetRoute = lazy(() => import("./routes/street-route").then((m) => ({ default: m.StreetRoute })));
const ReportsRoute = lazy(() => import("./routes/reports-route").then((m) => ({ default: m.ReportsRoute })));
const PartyRoute = lazy(() => import("./routes/party-route").then((m) => ({ default: m.PartyRoute })));
const NoticesRoute = lazy(() => import("./routes/notices-route").then((m) => ({ default: m.NoticesRoute })));
const OpenInterfacesRoute = lazy(() => import("./routes/open-interfaces-route").then((m) => ({ default: m.OpenInterfacesRoute })));
const DeliberationRoute = lazy(() => import("./routes/deliberation-route").then((m) => ({ default: m.DeliberationRoute })));
const EnterprisesRoute = lazy(() => import("./routes/enterprises-route").then((m) => ({ default: m.EnterprisesRoute })));
const EnterpriseRoute = lazy(() => import("./routes/enterprises-route").then((m) => ({ default: m.EnterpriseRoute })));
const InspectionsRoute = lazy(() => import("./routes/inspections-route").then((m) => ({ default: m.InspectionsRoute })));
const NoticePrintRoute = lazy(() => import("./routes/inspections-route").then((m) => ({ default: m.NoticePrintRoute })));

/** The staff console: providers, then the routes. */
export function ConsoleApp() {
  const [client] = useState(createQueryClient);
  const { i18n } = useTranslation();
  // A session that ends on the server (idle timeout, password change) sends the user to sign in again.
  useEffect(() => onUnauthenticated(() => setMe(client, null)), [client]);
  // Date pickers name months and weekdays in the UI language.
  useEffect(() => {
    dayjs.locale(i18n.language === "en" ? "en" : "zh-cn");
  }, [i18n.language]);

  return (
    <QueryClientProvider client={client}>
      <ConfigProvider locale={i18n.language === "en" ? enUSLocale : zhCNLocale} theme={consoleTheme} button={{ autoInsertSpace: false }}>
        <AntApp>
          <BrowserRouter>
            {/* Paths from console-paths.ts: the report's drill-downs are tested against the same list. */}
            <Routes>
              <Route path={CONSOLE_PATHS.login} element={<LoginRoute />} />
              {/* The printable 责令整改通知书: an A4 sheet without the console's frame. */}
              <Route
                path={CONSOLE_PATHS.noticePrint}
                element={
                  <RequireAuth>
                    <Suspense fallback={null}>
                      <NoticePrintRoute />
                    </Suspense>
                  </RequireAuth>
                }
              />
              <Route
                element={
                  <RequireAuth>
                    <ConsoleLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<HomeRoute />} />
                <Route path={CONSOLE_PATHS.cases} element={<CasesRoute />} />
                <Route path={CONSOLE_PATHS.case} element={<CaseRoute />} />
                <Route path={CONSOLE_PATHS.caseStats} element={<CaseStatsRoute />} />
                <Route path={CONSOLE_PATHS.street} element={<StreetRoute />} />
                <Route path={CONSOLE_PATHS.reports} element={<ReportsRoute />} />
                <Route path={CONSOLE_PATHS.patrols} element={<PatrolsRoute />} />
                <Route path={CONSOLE_PATHS.deliberation} element={<DeliberationRoute />} />
                <Route path={CONSOLE_PATHS.notices} element={<NoticesRoute />} />
                <Route path={CONSOLE_PATHS.party} element={<PartyRoute />} />
                <Route path={CONSOLE_PATHS.enterprises} element={<EnterprisesRoute />} />
                <Route path={CONSOLE_PATHS.enterprise} element={<EnterpriseRoute />} />
                <Route path={CONSOLE_PATHS.inspections} element={<InspectionsRoute />} />
                <Route path={CONSOLE_PATHS.openInterfaces} element={<OpenInterfacesRoute />} />
                <Route path={CONSOLE_PATHS.areas} element={<AreasRoute />} />
                <Route path={CONSOLE_PATHS.people} element={<PeopleRoute />} />
                <Route path={CONSOLE_PATHS.registry} element={<RegistryRoute />} />
                <Route path={CONSOLE_PATHS.registryHousehold} element={<RegistryHouseholdRoute />} />
                <Route path={CONSOLE_PATHS.registryPerson} element={<RegistryPersonRoute />} />
                <Route path={CONSOLE_PATHS.partners} element={<PartnersUnitsRoute />} />
                <Route path={CONSOLE_PATHS.partnersUnit} element={<PartnersUnitRoute />} />
                <Route path={CONSOLE_PATHS.talent} element={<PartnersTalentRoute />} />
                <Route path={CONSOLE_PATHS.activities} element={<PartnersActivitiesRoute />} />
                <Route path={CONSOLE_PATHS.activity} element={<PartnersActivityRoute />} />
                <Route path={CONSOLE_PATHS.points} element={<PartnersPointsRoute />} />
                <Route path={CONSOLE_PATHS.audit} element={<AuditRoute />} />
                <Route path={CONSOLE_PATHS.caseSettings} element={<CaseSettingsRoute />} />
                <Route path={CONSOLE_PATHS.account} element={<AccountRoute />} />
                <Route path={CONSOLE_PATHS.homeAlias} element={<Navigate to="/" replace />} />
                <Route path="*" element={<NotFoundRoute />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
