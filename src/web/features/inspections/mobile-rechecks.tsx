import { useState } from "react";
import { Button, ErrorBlock, Form, Input, List, Selector, Skeleton, Tag, TextArea, Toast } from "antd-mobile";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { chinaDay } from "../../lib/format";
import { errorMessage } from "../../lib/error-message";
import { useRecheck, useRectification, useRectifications } from "./use-inspections";

/** 整改复查 on the phone: the open 责令整改 notices of the worker's grid, nearest deadline first. */
export function MobileRechecks() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useRectifications({ status: "issued", limit: 200 });
  const today = chinaDay();
  if (list.isPending) return <Skeleton.Paragraph lineCount={8} animated className="m-pad" />;
  if (list.isError) return <ErrorBlock status="default" title={errorMessage(list.error, t)} description="" />;
  if (list.data.items.length === 0) return <ErrorBlock status="empty" title={t("inspections.mobile.none")} description="" />;
  return (
    <List header={t("inspections.mobile.count", { n: list.data.total })} data-testid="recheck-list">
      {list.data.items.map((r) => (
        <List.Item
          key={r.id}
          clickable
          onClick={() => navigate(`/rechecks/${r.id}`)}
          description={
            <div>
              <div>{r.finding}</div>
              <div className="m-muted">{r.number}</div>
            </div>
          }
          extra={<Tag color={r.deadline <= today ? "danger" : "warning"}>{t("inspections.mobile.due", { day: r.deadline })}</Tag>}
          data-testid="recheck-item"
          data-number={r.number}
        >
          {r.place.name}
        </List.Item>
      ))}
    </List>
  );
}

/** Records a 复查 on the phone: passed closes the notice, failed on or after the deadline hands it to the department. */
export function MobileRecheckForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notice = useRectification(id);
  const recheck = useRecheck();
  const [passed, setPassed] = useState<"yes" | "no">("yes");
  const [notes, setNotes] = useState("");
  const [companions, setCompanions] = useState("");
  if (notice.isPending) return <Skeleton.Paragraph lineCount={8} animated className="m-pad" />;
  if (notice.isError) return <ErrorBlock status="default" title={errorMessage(notice.error, t)} description="" />;
  const n = notice.data;
  const today = chinaDay();
  const escalates = passed === "no" && today >= n.deadline;
  const submit = () =>
    recheck.mutate(
      {
        id,
        checkedOn: today,
        passed: passed === "yes",
        notes: notes.trim() || undefined,
        companions: companions
          .split(/[,，、\s]+/)
          .map((c) => c.trim())
          .filter(Boolean)
          .slice(0, 10),
      },
      {
        onSuccess: (r) => {
          Toast.show({ icon: "success", content: t(`inspections.recheck.result.${r.status}`) });
          navigate("/rechecks", { replace: true });
        },
        onError: (err) => Toast.show({ icon: "fail", content: errorMessage(err, t), duration: 3000 }),
      },
    );
  return (
    <>
      <section className="m-card" data-testid="recheck-notice">
        <div className="m-card-title">{n.place.name}</div>
        <div className="m-muted">{n.number}</div>
        <div>
          {t("inspections.notice.finding")}：{n.finding}
        </div>
        <div>
          {t("inspections.notice.requiredChange")}：{n.requiredChange}
        </div>
        <div>
          {t("inspections.notice.deadline")}：{n.deadline}
        </div>
      </section>
      {n.status !== "issued" ? (
        <ErrorBlock status="default" title={t(`inspections.status.${n.status}`)} description="" />
      ) : (
        <>
          <Form layout="vertical" className="m-form" data-testid="recheck-form">
            <Form.Item label={t("inspections.recheck.outcome")}>
              <Selector
                columns={2}
                value={[passed]}
                onChange={(v) => v[0] && setPassed(v[0])}
                options={[
                  { value: "yes", label: t("inspections.recheck.passed") },
                  { value: "no", label: t("inspections.recheck.failed") },
                ]}
                data-testid="recheck-outcome"
              />
              {passed === "no" && <div className={escalates ? "m-text-red" : "m-muted"}>{escalates ? t("inspections.recheck.willEscalate", { department: n.department }) : t("inspections.recheck.staysOpen")}</div>}
            </Form.Item>
            <Form.Item label={t("inspections.recheck.notes")}>
              <TextArea value={notes} onChange={setNotes} autoSize={{ minRows: 2, maxRows: 5 }} maxLength={300} data-testid="recheck-notes" />
            </Form.Item>
            <Form.Item label={t("inspections.recheck.companions")} help={t("inspections.recheck.companionsHint")}>
              <Input value={companions} onChange={setCompanions} placeholder={t("inspections.mobile.companionsPlaceholder")} data-testid="recheck-companions" />
            </Form.Item>
          </Form>
          <div className="m-form-submit">
            <Button block color="primary" size="large" loading={recheck.isPending} onClick={submit} data-testid="recheck-submit">
              {t("inspections.recheck.submit")}
            </Button>
          </div>
        </>
      )}
    </>
  );
}
