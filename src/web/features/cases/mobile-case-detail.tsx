import { useState } from "react";
import { ErrorBlock, Image, ImageViewer, Skeleton, Steps, Tag } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { useAreaTree } from "../../api/use-area-tree";
import { errorMessage } from "../../lib/error-message";
import { formatDateTime } from "../../lib/format";
import { CaseMiniMap } from "./case-mini-map";
import { areaWordsOf } from "./case-place";
import { STEPS, stepStates } from "./case-status";
import { MobileCaseActions } from "./mobile-case-actions";
import { MobileStatusTag } from "./mobile-status-tag";
import { eventByline, eventFacts, eventTitle } from "./timeline-text";
import { useCase } from "./use-case";
import { useCategoryName } from "./use-categories";
import type { CaseDetail } from "./types";

/** A case on the phone: where it stands, what was reported and done, and the buttons the user may press now. */
export function MobileCaseDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useCase(id);
  if (query.isPending) return <Skeleton.Paragraph lineCount={10} animated className="m-pad" />;
  if (query.isError) return <ErrorBlock status="default" title={errorMessage(query.error, t)} description="" />;
  return <Detail c={query.data} />;
}

function Detail({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  const areas = useAreaTree().data ?? [];
  const states = stepStates(c);
  const reportPhotos = c.photos.filter((p) => p.stage === "report");
  const resultPhotos = c.photos.filter((p) => p.stage !== "report");
  const closed = c.status === "closed";

  return (
    <div className="m-case-detail" data-testid="case-detail" data-status={c.status}>
      <section className="m-card">
        <div className="m-case-head">
          <span className="m-case-head-title">{categoryName(c.categoryCode, c.categoryName)}</span>
          <MobileStatusTag status={c.status} />
        </div>
        <div className="m-case-head-tags">
          <span className="m-muted" data-testid="case-number">
            {c.number}
          </span>
          {c.mobileReporter && (
            <Tag color="#f77b00" fill="outline" data-testid="mobile-reporter">
              {t("cases.mobileReporter")}
            </Tag>
          )}
          {c.anonymous && <Tag fill="outline">{t("cases.anonymous")}</Tag>}
          {!closed && c.timer !== "normal" && (
            <Tag color={c.timer === "red" ? "danger" : "warning"} fill="solid">
              {t(`cases.timer.${c.timer}`)}
            </Tag>
          )}
        </div>
        <Steps current={-1} className="m-case-steps" data-testid="case-steps">
          {STEPS.map((step, i) => (
            <Steps.Step
              key={step}
              status={states[i]}
              title={i === STEPS.length - 1 && closed && c.closureKind ? t(`cases.closureShort.${c.closureKind}`) : t(`cases.steps.${step}`)}
            />
          ))}
        </Steps>
      </section>

      <section className="m-card">
        <div className="m-card-title">{t("cases.detail.reported")}</div>
        <p className="m-case-text">{c.description}</p>
        <Photos photos={reportPhotos} />
        <dl className="m-kv">
          <dt>{t("cases.fields.place")}</dt>
          <dd data-testid="case-place">
            <div className="m-case-place-address">{c.address ?? t("mapViews.mini.noAddress")}</div>
            <div className="m-muted">{areaWordsOf(c, areas) || "—"}</div>
          </dd>
          <dt>{t("cases.fields.createdAt")}</dt>
          <dd>{formatDateTime(c.createdAt)}</dd>
          {c.handler && (
            <>
              <dt>{t("cases.fields.handler")}</dt>
              <dd>{c.handler.name}</dd>
            </>
          )}
          {c.department && (
            <>
              <dt>{t("cases.fields.department")}</dt>
              <dd>{c.department}</dd>
            </>
          )}
          {!closed && c.handleDueAt && (
            <>
              <dt>{t("cases.fields.handleDueAt")}</dt>
              <dd>{formatDateTime(c.handleDueAt)}</dd>
            </>
          )}
        </dl>
        <CaseMiniMap c={c} areas={areas} />
      </section>

      {(c.resultText || c.closureKind) && (
        <section className="m-card" data-testid="case-result">
          <div className="m-card-title">{t("cases.detail.result")}</div>
          {c.resultText && <p className="m-case-text">{c.resultText}</p>}
          <Photos photos={resultPhotos} />
          <dl className="m-kv">
            {c.closureKind && (
              <>
                <dt>{t("cases.fields.closure")}</dt>
                <dd>{t(`cases.closure.${c.closureKind}`)}</dd>
              </>
            )}
            {c.closureNote && (
              <>
                <dt>{t("cases.fields.closureNote")}</dt>
                <dd>{c.closureNote}</dd>
              </>
            )}
            {c.referredTo && (
              <>
                <dt>{t("cases.fields.referredTo")}</dt>
                <dd>{c.referredTo}</dd>
              </>
            )}
            {c.rating && (
              <>
                <dt>{t("cases.fields.rating")}</dt>
                <dd data-testid="case-rating">
                  {t(`cases.rating.${c.rating}`)}
                  {c.ratingComment ? ` · ${c.ratingComment}` : ""}
                </dd>
              </>
            )}
          </dl>
        </section>
      )}

      <section className="m-card">
        <div className="m-card-title">{t("cases.fields.timeline")}</div>
        <Steps direction="vertical" className="m-timeline" data-testid="case-timeline">
          {[...c.timeline].reverse().map((e, i) => (
            <Steps.Step
              key={e.id}
              status={i === 0 ? "process" : "finish"}
              title={eventTitle(e, t)}
              description={
                <div className="m-timeline-body">
                  <div className="m-muted">{eventByline(e, t)}</div>
                  {eventFacts(e, t).length > 0 && <div>{eventFacts(e, t).join(" · ")}</div>}
                  {e.note && <div className="m-timeline-note">{e.note}</div>}
                  <Photos photos={c.photos.filter((p) => p.eventId === e.id)} />
                </div>
              }
            />
          ))}
        </Steps>
      </section>

      <MobileCaseActions c={c} />
    </div>
  );
}

function Photos({ photos }: { photos: CaseDetail["photos"] }) {
  const [open, setOpen] = useState<number | null>(null);
  if (photos.length === 0) return null;
  return (
    <>
      <div className="m-case-photos" data-testid="case-photos">
        {photos.map((p, i) => (
          <Image key={p.id} src={p.thumbUrl} fit="cover" width={96} height={96} className="m-case-photo" onClick={() => setOpen(i)} lazy />
        ))}
      </div>
      <ImageViewer.Multi images={photos.map((p) => p.url)} visible={open !== null} defaultIndex={open ?? 0} onClose={() => setOpen(null)} />
    </>
  );
}
