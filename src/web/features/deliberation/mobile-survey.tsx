import { useMemo, useState } from "react";
import { Button, ErrorBlock, List, SearchBar, Skeleton, Tag, Toast } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { MobileAnswerForm } from "./mobile-forms";
import { useDelibWrite, useHouseholds, usePublicQuestionnaires, useQuestionnaire, useQuestionnaires } from "./use-deliberation";

/** 入户征集: the open questionnaires a grid worker collects for. */
export function MobileSurveyList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const list = useQuestionnaires({ status: "open", limit: 50 });
  if (list.isPending) return <Skeleton.Paragraph lineCount={6} animated className="m-pad" />;
  if (list.isError) return <ErrorBlock status="default" title={errorMessage(list.error, t)} description="" />;
  if (list.data.length === 0) return <ErrorBlock status="empty" title={t("deliberation.mobile.surveyEmpty")} description="" className="dlm-empty" />;
  return (
    <List header={t("deliberation.mobile.surveyChoose")} data-testid="survey-list">
      {list.data.map((q) => (
        <List.Item key={q.id} onClick={() => onOpen(q.id)} description={`${t("deliberation.mobile.round", { round: q.round })} · ${q.area.name}`} extra={q.responses}>
          {q.title}
        </List.Item>
      ))}
    </List>
  );
}

/** The households to visit for one questionnaire, answered ones marked; a tap opens the form for that household. */
export function MobileSurveyHouseholds({ id, onOpen }: { id: string; onOpen: (householdId: string) => void }) {
  const { t } = useTranslation();
  const q = useQuestionnaire(id);
  const list = useHouseholds(id);
  const [search, setSearch] = useState("");
  const shown = useMemo(() => (list.data ?? []).filter((h) => !search || `${h.compound.name}${h.building.name}${h.address}`.includes(search.trim())), [list.data, search]);
  if (list.isPending || q.isPending) return <Skeleton.Paragraph lineCount={10} animated className="m-pad" />;
  if (list.isError) return <ErrorBlock status="default" title={errorMessage(list.error, t)} description="" />;
  const done = list.data.filter((h) => h.answered).length;
  return (
    <div data-testid="survey-households">
      <div className="m-pad">
        <div className="dlm-card-title">{q.data?.title}</div>
        <div className="m-muted">{t("deliberation.mobile.surveyProgress", { done, total: list.data.length })}</div>
      </div>
      <div className="m-pad">
        <SearchBar placeholder={t("deliberation.mobile.surveySearch")} value={search} onChange={setSearch} />
      </div>
      <List>
        {shown.slice(0, 300).map((h) => (
          <List.Item
            key={h.id}
            onClick={h.answered ? undefined : () => onOpen(h.id)}
            arrowIcon={!h.answered}
            description={h.compound.name}
            extra={h.answered ? <Tag color="success">{t("deliberation.mobile.surveyAnswered")}</Tag> : <Tag color="default">{t("deliberation.mobile.surveyPending")}</Tag>}
            data-testid="survey-household"
          >
            {h.address}
          </List.Item>
        ))}
      </List>
    </div>
  );
}

/** One household's answers, recorded at the door. */
export function MobileDoorForm({ id, householdId, onDone }: { id: string; householdId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const q = useQuestionnaire(id);
  const households = useHouseholds(id);
  const write = useDelibWrite();
  if (q.isPending) return <Skeleton.Paragraph lineCount={10} animated className="m-pad" />;
  if (q.isError) return <ErrorBlock status="default" title={errorMessage(q.error, t)} description="" />;
  const household = households.data?.find((h) => h.id === householdId);
  return (
    <>
      <div className="m-pad">
        <div className="dlm-card-title">{q.data.title}</div>
        {household && <div className="m-muted">{`${household.compound.name} · ${household.address}`}</div>}
      </div>
      <MobileAnswerForm
        questions={q.data.questions}
        pending={write.isPending}
        onSubmit={(answers) =>
          write.mutate(
            { path: `/questionnaires/${id}/door-responses`, body: { householdId, answers } },
            {
              onSuccess: () => {
                Toast.show({ icon: "success", content: t("deliberation.mobile.surveyDone") });
                onDone();
              },
              onError: (e) => Toast.show({ icon: "fail", content: errorMessage(e, t), duration: 3000 }),
            },
          )
        }
      />
    </>
  );
}

/** A resident answers an open questionnaire online. */
export function MobileOnlineAnswer({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const list = usePublicQuestionnaires();
  const write = useDelibWrite();
  if (list.isPending) return <Skeleton.Paragraph lineCount={10} animated className="m-pad" />;
  if (list.isError) return <ErrorBlock status="default" title={errorMessage(list.error, t)} description="" />;
  const q = list.data.find((x) => x.id === id);
  if (!q) return <ErrorBlock status="empty" title={t("deliberation.mobile.noSurveys")} description="" />;
  if (q.answered)
    return (
      <ErrorBlock status="empty" title={t("deliberation.mobile.answered")} description="">
        <Button onClick={onDone}>{t("deliberation.common.back")}</Button>
      </ErrorBlock>
    );
  return (
    <>
      <div className="m-pad">
        <div className="dlm-card-title">{q.title}</div>
        <div className="m-muted">{t("deliberation.mobile.round", { round: q.round })}</div>
      </div>
      <MobileAnswerForm
        questions={q.questions}
        pending={write.isPending}
        onSubmit={(answers) =>
          write.mutate(
            { path: `/questionnaires/${id}/responses`, body: { answers } },
            {
              onSuccess: () => {
                Toast.show({ icon: "success", content: t("deliberation.mobile.answerDone") });
                onDone();
              },
              onError: (e) => Toast.show({ icon: "fail", content: errorMessage(e, t), duration: 3000 }),
            },
          )
        }
      />
    </>
  );
}
