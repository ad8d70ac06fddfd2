import { useMemo, useState, type ReactNode } from "react";
import { Alert, App, Button, Card, Col, Empty, List, Row, Segmented, Select, Skeleton, Space, Statistic, Tag, Typography } from "antd";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { formatNumber } from "../../lib/format";
import { Chart, type ChartOption } from "./chart";
import { QUESTIONNAIRE_COLORS } from "./questionnaires-panel";
import type { QuestionnaireDetail, Results } from "./types";
import { useDelibWrite, useQuestionnaire, useResults } from "./use-deliberation";

/** A questionnaire: its questions, its round's state, and the results per question and by compound and building. */
export function QuestionnaireDetailView({ id, canManage, header }: { id: string; canManage: boolean; header: (title: ReactNode, extra: ReactNode) => ReactNode }) {
  const { t } = useTranslation();
  const query = useQuestionnaire(id);
  const results = useResults(id, query.data?.status !== "draft");
  if (query.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (query.isError) return <Alert type="error" showIcon title={errorMessage(query.error, t)} />;
  const q = query.data;
  return (
    <div data-testid="questionnaire-detail" data-status={q.status}>
      {header(
        <Space size={8} wrap>
          <span>{q.title}</span>
          <Tag>{t("deliberation.questionnaires.round", { round: q.round })}</Tag>
          <Tag color={QUESTIONNAIRE_COLORS[q.status]}>{t(`deliberation.questionnaireStatus.${q.status}`)}</Tag>
        </Space>,
        canManage ? <Actions q={q} /> : null,
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card className="ll-page-card" title={t("deliberation.questionnaire.questions")}>
            {q.topic && (
              <Typography.Paragraph>
                <Link to={`/deliberation/topics/${q.topic.id}`}>{q.topic.title}</Link>
              </Typography.Paragraph>
            )}
            <List
              size="small"
              dataSource={q.questions}
              renderItem={(x) => (
                <List.Item key={x.id}>
                  <div>
                    <Space size={4} wrap>
                      <strong>{`${x.seq}. ${x.text}`}</strong>
                      <Tag>{t(`deliberation.questionType.${x.type}`)}</Tag>
                      {x.isVote && <Tag color="red">{t("deliberation.questionnaire.vote")}</Tag>}
                    </Space>
                    {x.options && <div className="ll-muted">{x.options.join(" / ")}</div>}
                  </div>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card className="ll-page-card" title={t("deliberation.questionnaire.results")} data-testid="results">
            {q.status === "draft" || !results.data ? (
              results.isError ? (
                <Typography.Text type="danger">{errorMessage(results.error, t)}</Typography.Text>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("deliberation.questionnaire.noResults")} />
              )
            ) : (
              <ResultsView results={results.data} />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function Actions({ q }: { q: QuestionnaireDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const write = useDelibWrite<{ id: string; round?: number }>();
  const run = (action: string) =>
    write.mutate(
      { path: `/questionnaires/${q.id}/${action}` },
      {
        onSuccess: (r) => {
          if (action === "next-round") navigate(`/deliberation/questionnaires/${r.id}`);
        },
        onError: (e) => void message.error(errorMessage(e, t)),
      },
    );
  return (
    <Space>
      {q.status === "draft" && (
        <Button type="primary" loading={write.isPending} onClick={() => run("open")} data-testid="questionnaire-open">
          {t("deliberation.questionnaire.open")}
        </Button>
      )}
      {q.status === "open" && (
        <Button loading={write.isPending} onClick={() => run("close")} data-testid="questionnaire-close">
          {t("deliberation.questionnaire.close")}
        </Button>
      )}
      <Button loading={write.isPending} onClick={() => run("next-round")}>
        {t("deliberation.questionnaire.nextRound")}
      </Button>
    </Space>
  );
}

function ResultsView({ results }: { results: Results }) {
  const { t } = useTranslation();
  if (results.responses === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("deliberation.questionnaire.noResults")} />;
  return (
    <>
      <Space size={32} wrap className="dl-gap-bottom">
        <Statistic title={t("deliberation.questionnaire.stats.responses")} value={results.responses} formatter={(v) => formatNumber(Number(v))} />
        <Statistic title={t("deliberation.questionnaire.stats.door")} value={results.byChannel.door} />
        <Statistic title={t("deliberation.questionnaire.stats.online")} value={results.byChannel.online} />
      </Space>
      {results.questions.map((q) => (
        <div key={q.id} className="dl-result" data-testid="result-question">
          <Space size={6} wrap>
            <strong>{`${q.seq}. ${q.text}`}</strong>
            <span className="ll-muted">{t("deliberation.questionnaire.answered", { count: q.answered })}</span>
            {q.average !== null && <Tag color="blue">{t("deliberation.questionnaire.average", { value: q.average.toFixed(1) })}</Tag>}
          </Space>
          {q.type === "text" ? (
            <List size="small" dataSource={q.texts.slice(0, 20)} renderItem={(x, i) => <List.Item key={i}>{x}</List.Item>} locale={{ emptyText: t("deliberation.common.empty") }} />
          ) : (
            <Chart
              height={Math.max(140, q.counts.length * 36 + 40)}
              option={{
                grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
                tooltip: { trigger: "axis" },
                xAxis: { type: "value", minInterval: 1 },
                yAxis: { type: "category", inverse: true, data: q.counts.map((c) => c.value) },
                series: [{ type: "bar", data: q.counts.map((c) => c.count), itemStyle: { color: "#c8161d" }, label: { show: true, position: "right" }, barMaxWidth: 22 }],
              }}
            />
          )}
        </div>
      ))}
      <ByArea results={results} />
    </>
  );
}

/** One choice question's answers per compound or building, stacked by answer. */
function ByArea({ results }: { results: Results }) {
  const { t } = useTranslation();
  const choice = useMemo(() => results.questions.filter((q) => q.type !== "text"), [results]);
  const [questionId, setQuestionId] = useState(choice[0]?.id);
  const [by, setBy] = useState<"compound" | "building">("compound");
  const option = useMemo<ChartOption | null>(() => {
    const question = choice.find((q) => q.id === questionId);
    if (!question) return null;
    const groups = (by === "compound" ? results.byCompound : results.byBuilding).filter((g) => g.responses > 0).slice(0, 30);
    const values = question.counts.map((c) => c.value);
    return {
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      xAxis: { type: "category", data: groups.map((g) => g.name), axisLabel: { interval: 0, rotate: groups.length > 6 ? 30 : 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: values.map((v) => ({
        name: v,
        type: "bar",
        stack: "answers",
        barMaxWidth: 56,
        data: groups.map((g) => g.questions.find((x) => x.questionId === question.id)?.counts.find((c) => c.value === v)?.count ?? 0),
      })),
    };
  }, [by, choice, questionId, results]);
  if (!option) return null;
  return (
    <div className="dl-result" data-testid="results-by-area">
      <Space wrap className="dl-gap-bottom">
        <strong>{t("deliberation.questionnaire.byArea")}</strong>
        <Select className="dl-filter-wide" value={questionId} onChange={setQuestionId} options={choice.map((q) => ({ value: q.id, label: `${q.seq}. ${q.text}` }))} />
        <Segmented
          value={by}
          onChange={(v) => setBy(v as "compound" | "building")}
          options={[
            { value: "compound", label: t("deliberation.questionnaire.byCompound") },
            { value: "building", label: t("deliberation.questionnaire.byBuilding") },
          ]}
        />
      </Space>
      <Chart option={option} height={300} />
    </div>
  );
}
