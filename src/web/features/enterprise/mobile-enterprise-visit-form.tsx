import { useState } from "react";
import { Button, ErrorBlock, Form, Selector, Skeleton, TextArea, Toast } from "antd-mobile";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { NEED_KIND_VALUES, type NeedKind } from "../../../contracts/enterprise";
import { chinaDay } from "../../lib/format";
import { errorMessage } from "../../lib/error-message";
import { useEnterprise, useRecordVisit } from "./use-enterprise";

type Need = { kind: NeedKind; description: string };

/** 记录企业走访: what was found at the enterprise, its problems, and the needs it raised (融资、用工 …). */
export function MobileEnterpriseVisitForm({ placeId, campaignId }: { placeId: string; campaignId?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const enterprise = useEnterprise(placeId);
  const record = useRecordVisit();
  const [notes, setNotes] = useState("");
  const [problems, setProblems] = useState("");
  const [needs, setNeeds] = useState<Need[]>([]);
  const [touched, setTouched] = useState(false);

  if (enterprise.isPending) return <Skeleton.Paragraph lineCount={8} animated className="m-pad" />;
  if (enterprise.isError) return <ErrorBlock status="default" title={errorMessage(enterprise.error, t)} description="" />;
  const e = enterprise.data;
  const incomplete = needs.some((n) => !n.description.trim());

  const submit = () => {
    setTouched(true);
    if (incomplete) return;
    record.mutate(
      {
        placeId,
        campaignId,
        visitedOn: chinaDay(),
        notes: notes.trim() || undefined,
        problems: problems.trim() || undefined,
        needs: needs.map((n) => ({ kind: n.kind, description: n.description.trim() })),
      },
      {
        onSuccess: () => {
          Toast.show({ icon: "success", content: t("enterprise.mobile.saved") });
          navigate("/enterprise-visits", { replace: true });
        },
        onError: (err) => Toast.show({ icon: "fail", content: errorMessage(err, t), duration: 3000 }),
      },
    );
  };

  return (
    <>
      <section className="m-card" data-testid="visit-enterprise">
        <div className="m-card-title">{e.name}</div>
        <div className="m-muted">{e.address}</div>
        {e.contactName && (
          <div className="m-muted">
            {t("enterprise.field.contactName")}：{e.contactName} {e.contactPhone ?? ""}
          </div>
        )}
      </section>
      <Form layout="vertical" className="m-form" data-testid="enterprise-visit-form">
        <Form.Item label={t("enterprise.mobile.notes")}>
          <TextArea value={notes} onChange={setNotes} placeholder={t("enterprise.mobile.notesPlaceholder")} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} data-testid="visit-notes" />
        </Form.Item>
        <Form.Item label={t("enterprise.mobile.problems")}>
          <TextArea value={problems} onChange={setProblems} placeholder={t("enterprise.mobile.problemsPlaceholder")} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} data-testid="visit-problems" />
        </Form.Item>
        {needs.map((n, i) => (
          <Form.Item
            key={i}
            label={t("enterprise.mobile.need", { n: i + 1 })}
            extra={
              <Button size="mini" fill="none" color="danger" onClick={() => setNeeds((all) => all.filter((_, j) => j !== i))} data-testid={`need-remove-${i}`}>
                {t("enterprise.mobile.removeNeed")}
              </Button>
            }
          >
            <Selector
              columns={3}
              value={[n.kind]}
              onChange={(v) => v[0] && setNeeds((all) => all.map((x, j) => (j === i ? { ...x, kind: v[0] } : x)))}
              options={NEED_KIND_VALUES.map((k) => ({ value: k, label: t(`enterprise.needKind.${k}`) }))}
              data-testid={`need-kind-${i}`}
            />
            <TextArea
              value={n.description}
              onChange={(v) => setNeeds((all) => all.map((x, j) => (j === i ? { ...x, description: v } : x)))}
              placeholder={t("enterprise.mobile.needPlaceholder")}
              autoSize={{ minRows: 2, maxRows: 4 }}
              maxLength={200}
              data-testid={`need-description-${i}`}
            />
            {touched && !n.description.trim() && <div className="m-text-red">{t("enterprise.mobile.needRule")}</div>}
          </Form.Item>
        ))}
      </Form>
      <div className="m-pad">
        <Button block fill="outline" disabled={needs.length >= 10} onClick={() => setNeeds((all) => [...all, { kind: "financing", description: "" }])} data-testid="need-add">
          {t("enterprise.mobile.addNeed")}
        </Button>
      </div>
      <div className="m-form-submit">
        <Button block color="primary" size="large" loading={record.isPending} onClick={submit} data-testid="enterprise-visit-submit">
          {t("enterprise.mobile.submit")}
        </Button>
      </div>
    </>
  );
}
