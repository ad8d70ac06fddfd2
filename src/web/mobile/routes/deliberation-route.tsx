import { Route, Routes, useNavigate, useParams, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import "../../features/deliberation/deliberation.css";
import { MobileCheckin } from "../../features/deliberation/mobile-checkin";
import { MobileProposeForm } from "../../features/deliberation/mobile-forms";
import { MobileDeliberationHome, MobileTopicDetail } from "../../features/deliberation/mobile-public";
import { MobileDoorForm, MobileOnlineAnswer, MobileSurveyHouseholds, MobileSurveyList } from "../../features/deliberation/mobile-survey";
import { SubPage } from "../sub-page";
import { NotFoundRoute } from "./not-found-route";

/** 议事公开 and 入户征集 on the phone, under /m/deliberation. */
export function DeliberationRoute() {
  return (
    <Routes>
      <Route index element={<Home />} />
      <Route path="topics/:id" element={<Topic />} />
      <Route path="propose" element={<Propose />} />
      <Route path="questionnaires/:id" element={<Answer />} />
      <Route path="survey" element={<Survey />} />
      <Route path="survey/:id" element={<SurveyHouseholds />} />
      <Route path="survey/:id/:householdId" element={<SurveyDoor />} />
      <Route path="*" element={<NotFoundRoute />} />
    </Routes>
  );
}

function Home() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <SubPage title={t("deliberation.mobile.title")}>
      <MobileDeliberationHome onOpenTopic={(id) => navigate(`/deliberation/topics/${id}`)} onPropose={() => navigate("/deliberation/propose")} onAnswer={(id) => navigate(`/deliberation/questionnaires/${id}`)} />
    </SubPage>
  );
}

function Topic() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  return (
    <SubPage title={t("deliberation.mobile.topicTitle")}>
      <MobileTopicDetail key={id} id={id!} />
    </SubPage>
  );
}

function Propose() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <SubPage title={t("deliberation.mobile.proposeTitle")}>
      <MobileProposeForm onDone={(id) => navigate(`/deliberation/topics/${id}`, { replace: true })} />
    </SubPage>
  );
}

function Answer() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams<{ id: string }>();
  return (
    <SubPage title={t("deliberation.mobile.answer")}>
      <MobileOnlineAnswer id={id!} onDone={() => navigate("/deliberation", { replace: true })} />
    </SubPage>
  );
}

function Survey() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <SubPage title={t("deliberation.mobile.survey")}>
      <MobileSurveyList onOpen={(id) => navigate(`/deliberation/survey/${id}`)} />
    </SubPage>
  );
}

function SurveyHouseholds() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams<{ id: string }>();
  return (
    <SubPage title={t("deliberation.mobile.surveyHouseholds")}>
      <MobileSurveyHouseholds id={id!} onOpen={(householdId) => navigate(`/deliberation/survey/${id}/${householdId}`)} />
    </SubPage>
  );
}

function SurveyDoor() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id, householdId } = useParams<{ id: string; householdId: string }>();
  return (
    <SubPage title={t("deliberation.mobile.survey")}>
      <MobileDoorForm id={id!} householdId={householdId!} onDone={() => navigate(-1)} />
    </SubPage>
  );
}

/** /m/meetings/<id>/checkin?code=…: where the meeting's QR code leads. */
export function MeetingCheckinRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams<{ id: string }>();
  const [params] = useSearchParams();
  return (
    <SubPage title={t("deliberation.mobile.checkinTitle")}>
      <MobileCheckin meetingId={id!} code={params.get("code")} onHome={() => navigate("/", { replace: true })} />
    </SubPage>
  );
}
