import { useMemo, useState } from "react";
import { Button, ErrorBlock, Input, Result, Selector, Skeleton, Tag, TextArea, Toast } from "antd-mobile";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMe } from "../../api/use-me";
import { errorMessage } from "../../lib/error-message";
import { formatShortDateTime } from "../../lib/format";
import { newIdempotencyKey } from "../../lib/idempotency-key";
import { isFailedAnswer, missingItems, type AnswerValue } from "./checklist-rules";
import { MobileChecklistItem } from "./mobile-checklist-item";
import { OutboxIndicator, OutboxList } from "./mobile-outbox-panel";
import { MobilePhotoPicker, type LocalPhoto } from "./mobile-photo-picker";
import { MobileSubmissionView } from "./mobile-submission-view";
import { getRecord, putRecord, type OutboxPhoto, type OutboxRecord } from "./outbox-db";
import { useOutbox } from "./use-outbox";
import { useTask } from "./use-my-tasks";
import { currentPosition, useTrackRecorder } from "./use-track-recorder";
import { monthDay } from "./mobile-task-card";
import { VISIT_OUTCOME_VALUES as OUTCOMES, type SubmitBody, type TaskDetail } from "./types";

type Outcome = SubmitBody["outcome"];
import "./patrols.css";

const VISIT = "_visit";

/** The track recorder of a river patrol and its panel. */
function useTrackPanel(taskId: string) {
  const { t } = useTranslation();
  const track = useTrackRecorder(taskId);
  const panel = (
    <div className="p-card" data-testid="track-panel">
      <div className="p-card-title">{t("patrols.track.title")}</div>
      <div className="p-track-figures">
        <span>{t("patrols.track.points", { count: track.fixes.length })}</span>
        <span>{t("patrols.track.length", { km: (track.meters / 1000).toFixed(2) })}</span>
        <span>{t("patrols.track.duration", { minutes: Math.round(track.seconds / 60) })}</span>
      </div>
      {track.error && <div className="p-error">{t(`patrols.track.error.${track.error}`)}</div>}
      <div className="p-track-buttons">
        {track.recording ? (
          <Button size="small" color="danger" onClick={track.stop} data-testid="track-stop">
            {t("patrols.track.stop")}
          </Button>
        ) : (
          <Button size="small" color="primary" fill="outline" onClick={track.start} data-testid="track-start">
            {track.fixes.length ? t("patrols.track.resume") : t("patrols.track.start")}
          </Button>
        )}
        {track.fixes.length > 0 && !track.recording && (
          <Button size="small" fill="none" onClick={track.clear}>
            {t("patrols.track.clear")}
          </Button>
        )}
      </div>
    </div>
  );
  return { track, panel };
}

/** The checklist form of an open task; what it records goes to the outbox first, then to the server. */
function ChecklistForm({ task, onQueued }: { task: TaskDetail; onQueued: (clientId: string) => void }) {
  const { t } = useTranslation();
  const userId = useMe().data!.id;
  const outbox = useOutbox();
  const items = task.template.items;
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>({});
  const [photos, setPhotos] = useState<Record<string, LocalPhoto[]>>({});
  const [notes, setNotes] = useState("");
  const [companions, setCompanions] = useState("");
  const [showMissing, setShowMissing] = useState(false);
  const [saving, setSaving] = useState(false);
  // 已走访 answers the checklist; 未遇 / 拒访 / 已搬离 have none to answer (the server ignores answers then).
  const [outcome, setOutcome] = useState<Outcome>("visited");
  const visited = outcome === "visited";
  const { track, panel } = useTrackPanel(task.id);
  const missing = useMemo(
    () => (visited ? new Set(missingItems(items, answers, (id) => photos[id]?.length ?? 0).map((i) => i.id)) : new Set<string>()),
    [visited, items, answers, photos],
  );
  const failures = visited ? items.filter((i) => isFailedAnswer(i, answers[i.id])) : [];

  const submit = async () => {
    if (missing.size) {
      setShowMissing(true);
      Toast.show({ content: t("patrols.form.missing", { count: missing.size }) });
      document.querySelector(".p-item-missing")?.scrollIntoView({ block: "center" });
      return;
    }
    setSaving(true);
    try {
      track.stop();
      const location = await currentPosition(3000);
      const outboxPhotos: OutboxPhoto[] = [];
      for (const item of visited ? items : []) {
        const list = photos[item.id] ?? [];
        const role = item.type === "photo" ? "answer" : isFailedAnswer(item, answers[item.id]) ? "evidence" : "general";
        for (const p of list) outboxPhotos.push({ key: p.key, itemId: role === "general" ? null : item.id, role, blob: p.blob, name: p.name });
      }
      for (const p of photos[VISIT] ?? []) outboxPhotos.push({ key: p.key, itemId: null, role: "general", blob: p.blob, name: p.name });
      const cleanAnswers: Record<string, AnswerValue> = {};
      for (const item of visited ? items : []) {
        const v = answers[item.id];
        if (item.type !== "photo" && v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "")) cleanAnswers[item.id] = v;
      }
      const record: OutboxRecord = {
        clientId: `patrol-${newIdempotencyKey()}`,
        userId,
        taskId: task.id,
        taskLabel: task.targetLabel,
        templateName: task.template.name,
        createdAt: new Date().toISOString(),
        body: {
          outcome,
          filledAt: new Date().toISOString(),
          answers: cleanAnswers,
          ...(location ? { location } : {}),
          ...(track.fixes.length > 1 ? { track: track.fixes } : {}),
          companions: companions
            .split(/[,，、\s]+/)
            .map((s) => s.trim())
            .filter(Boolean)
            .slice(0, 20),
          ...(notes.trim() ? { notes: notes.trim() } : {}),
        },
        photos: outboxPhotos,
        state: "pending",
        attempts: 0,
      };
      await putRecord(record);
      track.clear();
      if (outbox.online) await outbox.sync();
      onQueued(record.clientId);
    } catch (err) {
      Toast.show({ icon: "fail", content: errorMessage(err, t) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="p-form" data-testid="checklist-form">
      <div className="p-card p-outcome-card">
        <div className="p-card-title">{t("patrols.outcome.label")}</div>
        <Selector
          columns={4}
          value={[outcome]}
          onChange={(v) => v[0] && setOutcome(v[0])}
          options={OUTCOMES.map((o) => ({ value: o, label: <span data-testid={`outcome-${o}`}>{t(`patrols.outcome.${o}`)}</span> }))}
          data-testid="visit-outcome"
        />
        {!visited && <div className="p-muted" data-testid="outcome-no-checklist">{t("patrols.outcome.noChecklist")}</div>}
      </div>
      <div className="p-card" hidden={!visited}>
        <div className="p-card-title">
          {task.template.name}
          <span className="p-muted"> · {t("patrols.form.version", { version: task.template.version })}</span>
        </div>
        {items.map((item) => (
          <MobileChecklistItem
            key={item.id}
            item={item}
            value={answers[item.id]}
            onChange={(v) => setAnswers((a) => ({ ...a, [item.id]: v }))}
            photos={photos[item.id] ?? []}
            onPhotos={(list) => setPhotos((p) => ({ ...p, [item.id]: list }))}
            missing={showMissing && missing.has(item.id)}
          />
        ))}
      </div>
      {task.targetKind === "river" && visited && panel}
      <div className="p-card">
        <div className="p-card-title">{t("patrols.form.visit")}</div>
        <TextArea className="p-input" placeholder={t("patrols.form.notes")} autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} value={notes} onChange={setNotes} data-testid="patrol-notes" />
        <Input className="p-input" placeholder={t("patrols.form.companions")} value={companions} onChange={setCompanions} data-testid="patrol-companions" />
        <MobilePhotoPicker value={photos[VISIT] ?? []} onChange={(list) => setPhotos((p) => ({ ...p, [VISIT]: list }))} testId="visit-photos" />
      </div>
      <div className="p-submit">
        {failures.length > 0 && <div className="p-error" data-testid="failure-summary">{t("patrols.form.failuresSummary", { count: failures.length, cases: failures.filter((i) => i.opensCase).length })}</div>}
        {!outbox.online && <div className="p-muted">{t("patrols.form.offlineHint")}</div>}
        <Button block color="primary" size="large" loading={saving} onClick={() => void submit()} data-testid="patrol-submit">
          {t("patrols.form.submit")}
        </Button>
      </div>
    </div>
  );
}

/** After the form: sent (with the case numbers), or kept on the phone until the network returns. */
function SubmittedState({ record, retryOn, onBack }: { record: OutboxRecord; retryOn: string | null; onBack: () => void }) {
  const { t } = useTranslation();
  if (record.state === "done" && record.result) {
    const outcome = record.body.outcome ?? "visited";
    const text =
      outcome === "not_home"
        ? retryOn
          ? t("patrols.outcome.retryOn", { day: monthDay(retryOn, t) })
          : t("patrols.outcome.not_home")
        : outcome === "refused" || outcome === "moved_away"
          ? t(`patrols.outcome.done.${outcome}`)
          : record.result.cases.length
            ? t("patrols.outbox.casesOpened", { numbers: record.result.cases.map((c) => c.number).join("、") })
            : t("patrols.outbox.noFindings");
    return (
      <div>
        <Result
          status="success"
          title={t("patrols.result.sent")}
          description={
            <span data-testid="submit-result" data-outcome={outcome}>
              {text}
            </span>
          }
        />
        <div className="m-pad">
          <Button block onClick={onBack} data-testid="back-to-list">
            {t("patrols.result.back")}
          </Button>
        </div>
      </div>
    );
  }
  if (record.state === "pending") {
    return (
      <div data-testid="submit-queued">
        <Result status="waiting" title={t("patrols.result.queued")} description={t("patrols.result.queuedHint")} />
        <div className="m-pad">
          <Button block onClick={onBack} data-testid="back-to-list">
            {t("patrols.result.back")}
          </Button>
        </div>
      </div>
    );
  }
  return <Result status="error" title={t(`patrols.outbox.state.${record.state}`)} description={record.message ?? ""} />;
}

/** A task on the phone: what and where, then its checklist, or what was recorded for it. */
export function MobileTaskPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const task = useTask(id);
  const outbox = useOutbox();
  const [justQueued, setJustQueued] = useState<string | null>(null);
  const [justRecord, setJustRecord] = useState<OutboxRecord | null>(null);
  const fromOutbox = outbox.records.find((r) => r.clientId === justQueued) ?? justRecord;
  const waiting = outbox.records.find((r) => r.taskId === id && r.state === "pending");

  if (task.isPending) return <Skeleton.Paragraph lineCount={10} animated className="m-pad" />;
  if (task.isError) return <ErrorBlock status="disconnected" title={errorMessage(task.error, t)} description="" />;
  const d = task.data;
  return (
    <div className="p-page" data-testid="patrol-task" data-task-id={d.id}>
      <OutboxIndicator outbox={outbox} />
      <div className="p-card p-task-head">
        <div className="p-task-head-title">{d.targetLabel}</div>
        <div className="p-task-sub">
          <Tag color="primary" fill="outline">
            {t(`patrols.kind.${d.targetKind}`)}
          </Tag>
          <span>{t(`patrols.frequency.${d.frequency}`)}</span>
          {d.overdue && d.status !== "done" && (
            <Tag color="danger" fill="solid">
              {t("patrols.status.overdue")}
            </Tag>
          )}
          {d.status === "done" && <Tag color="success">{t("patrols.status.done")}</Tag>}
        </div>
        {d.address && <div className="p-task-address">{d.address}</div>}
        <div className="p-muted">{t("patrols.period", { from: d.periodStart, to: d.periodEnd })}</div>
        {d.doneAt && <div className="p-muted">{t("patrols.doneAt", { at: formatShortDateTime(d.doneAt) })}</div>}
        {d.status === "open" && d.retryOn && (
          <div className="p-muted" data-testid="task-retry-on">
            {t("patrols.outcome.retryOn", { day: monthDay(d.retryOn, t) })}
          </div>
        )}
      </div>
      {fromOutbox ? (
        <SubmittedState record={fromOutbox} retryOn={d.retryOn} onBack={() => navigate("/patrols")} />
      ) : d.status === "done" ? (
        d.submissions.map((s) => <MobileSubmissionView key={s.id} submission={s} items={d.template.items} />)
      ) : d.status === "cancelled" ? (
        <ErrorBlock status="empty" title={t("patrols.status.cancelled")} description="" />
      ) : waiting ? (
        <SubmittedState record={waiting} retryOn={d.retryOn} onBack={() => navigate("/patrols")} />
      ) : (
        <ChecklistForm
          task={d}
          onQueued={(clientId) => {
            setJustQueued(clientId);
            void getRecord(clientId).then((r) => r && setJustRecord(r));
          }}
        />
      )}
      <OutboxList outbox={outbox} />
    </div>
  );
}
