import type { ButtonProps } from "antd";
import { useState } from "react";
import { App, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, Modal, Space, Steps, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { CULTIVATION_DOCUMENTS } from "../../../contracts/enterprise";
import { chinaDay } from "../../lib/format";
import { errorMessage } from "../../lib/error-message";
import { EnterprisePicker } from "./enterprise-picker";
import { NEXT_STAGE } from "./labels";
import type { EnterpriseDetail } from "./types";
import { useAddCandidate, useAdvanceCultivation, useRecordBriefing, useUpdateDocuments } from "./use-enterprise";

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), "day");
const PATH = ["candidate", "coached", "documents", "declared"] as const;

/** 入库 cultivation of one enterprise: the pipeline's steps with their dates, the documents checklist and the next step. */
export function CultivationCard({ enterprise, canManage }: { enterprise: EnterpriseDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const c = enterprise.cultivation;
  const add = useAddCandidate();
  const advance = useAdvanceCultivation();
  const docs = useUpdateDocuments();
  const briefing = useRecordBriefing();
  const [adding, setAdding] = useState(false);
  const [briefingOpen, setBriefingOpen] = useState(false);
  const [step, setStep] = useState<string | null>(null);
  const [ticked, setTicked] = useState<string[] | null>(null);
  const [addForm] = Form.useForm<{ thresholds: string; candidateOn: Dayjs }>();
  const [stepForm] = Form.useForm<{ on: Dayjs; note?: string }>();
  const [briefingForm] = Form.useForm<{ topic: string; heldOn: Dayjs; placeIds: string[] }>();
  const fail = (e: unknown) => message.error(errorMessage(e, t));
  const briefings = enterprise.history.filter((h) => h.kind === "briefing");

  const last = c ? (c.stage === "accepted" || c.stage === "rejected" ? c.stage : null) : null;
  const stamps: Record<string, string | null> = c ? { candidate: c.candidateOn, coached: c.coachedOn, documents: c.documentsOn, declared: c.declaredOn } : {};
  // declared: the four steps are done and the decision is awaited
  const current = c ? (last || c.stage === "declared" ? 4 : PATH.indexOf(c.stage as (typeof PATH)[number])) : -1;

  return (
    <Card
      title={t("enterprise.cultivation.title")}
      size="small"
      className="ll-gap"
      data-testid="cultivation-card"
      data-stage={c?.stage ?? "none"}
      extra={
        canManage && (
          <Space>
            <Button size="small" onClick={() => setBriefingOpen(true)} data-testid="briefing-add">
              {t("enterprise.cultivation.recordBriefing")}
            </Button>
            {!c && (
              <Button size="small" type="primary" onClick={() => setAdding(true)} data-testid="cultivation-add">
                {t("enterprise.cultivation.add")}
              </Button>
            )}
            {c &&
              (NEXT_STAGE[c.stage] ?? []).map((to) => (
                <Button key={to} size="small" type={to === "rejected" ? "default" : "primary"} danger={to === "rejected"} onClick={() => setStep(to)} data-testid={`advance-${to}`}>
                  {t(`enterprise.cultivation.to.${to}`)}
                </Button>
              ))}
          </Space>
        )
      }
    >
      {!c ? (
        <Typography.Text type="secondary">{t("enterprise.cultivation.none")}</Typography.Text>
      ) : (
        <>
          <Steps
            size="small"
            current={current}
            status={c.stage === "rejected" ? "error" : c.stage === "accepted" ? "finish" : undefined}
            items={[
              ...PATH.map((s) => ({ title: t(`enterprise.stage.${s}`), content: stamps[s] ?? "" })),
              { title: last ? t(`enterprise.stage.${last}`) : t("enterprise.cultivation.decision"), content: c.decidedOn ?? "" },
            ]}
          />
          <Descriptions size="small" column={1} className="ll-gap" style={{ marginTop: 16 }}>
            <Descriptions.Item label={t("enterprise.cultivation.thresholds")}>{c.thresholds}</Descriptions.Item>
            {c.decisionNote && <Descriptions.Item label={t("enterprise.cultivation.decisionNote")}>{c.decisionNote}</Descriptions.Item>}
            <Descriptions.Item label={t("enterprise.cultivation.documents")}>
              <Checkbox.Group
                disabled={!canManage || !["coached", "documents"].includes(c.stage)}
                value={ticked ?? CULTIVATION_DOCUMENTS.filter((d) => c.documents[d])}
                onChange={(v) => {
                  // shown ticked at once; the record follows when the write (and its refetch) is done
                  setTicked(v as string[]);
                  docs.mutate(
                    { placeId: enterprise.id, documents: Object.fromEntries(CULTIVATION_DOCUMENTS.map((d) => [d, (v as string[]).includes(d)])) },
                    { onError: fail, onSettled: () => setTicked(null) },
                  );
                }}
                options={CULTIVATION_DOCUMENTS.map((d) => ({ value: d, label: t(`enterprise.document.${d}`) }))}
                data-testid="cultivation-documents"
              />
            </Descriptions.Item>
            <Descriptions.Item label={t("enterprise.cultivation.briefings")}>
              {briefings.length ? briefings.map((b) => `${b.on} ${b.title}`).join("；") : "—"}
            </Descriptions.Item>
          </Descriptions>
        </>
      )}

      <Modal
        open={adding}
        title={t("enterprise.cultivation.add")}
        onCancel={() => setAdding(false)}
        okText={t("enterprise.common.save")}
        cancelText={t("common.cancel")}
        confirmLoading={add.isPending}
        okButtonProps={{ "data-testid": "cultivation-add-submit" } as ButtonProps}
        onOk={() =>
          addForm.validateFields().then((v) =>
            add.mutate({ placeId: enterprise.id, thresholds: v.thresholds.trim(), candidateOn: v.candidateOn.format("YYYY-MM-DD") }, { onSuccess: () => setAdding(false), onError: fail }),
          )
        }
        destroyOnHidden
      >
        <Form form={addForm} layout="vertical" preserve={false} initialValues={{ candidateOn: dayjs(chinaDay()) }}>
          <Form.Item name="thresholds" label={t("enterprise.cultivation.thresholds")} extra={t("enterprise.cultivation.thresholdsHint")} rules={[{ required: true, whitespace: true, message: t("enterprise.common.required") }]}>
            <Input maxLength={200} data-testid="cultivation-thresholds" />
          </Form.Item>
          <Form.Item name="candidateOn" label={t("enterprise.cultivation.candidateOn")} rules={[{ required: true, message: t("enterprise.common.required") }]}>
            <DatePicker disabledDate={notFuture} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={!!step}
        title={step ? t(`enterprise.cultivation.to.${step}`) : ""}
        onCancel={() => setStep(null)}
        okText={t("enterprise.common.confirm")}
        cancelText={t("common.cancel")}
        confirmLoading={advance.isPending}
        okButtonProps={{ "data-testid": "advance-submit" } as ButtonProps}
        onOk={() =>
          stepForm.validateFields().then((v) =>
            advance.mutate(
              { placeId: enterprise.id, to: step as "coached", on: v.on.format("YYYY-MM-DD"), note: v.note?.trim() || undefined },
              { onSuccess: () => setStep(null), onError: fail },
            ),
          )
        }
        destroyOnHidden
      >
        <Form form={stepForm} layout="vertical" preserve={false} initialValues={{ on: dayjs(chinaDay()) }}>
          <Form.Item name="on" label={t("enterprise.cultivation.on")} rules={[{ required: true, message: t("enterprise.common.required") }]}>
            <DatePicker disabledDate={notFuture} />
          </Form.Item>
          {(step === "accepted" || step === "rejected") && (
            <Form.Item name="note" label={t("enterprise.cultivation.decisionNote")}>
              <Input maxLength={200} />
            </Form.Item>
          )}
          {step === "declared" && <Typography.Text type="secondary">{t("enterprise.cultivation.declareHint")}</Typography.Text>}
        </Form>
      </Modal>

      <Modal
        open={briefingOpen}
        title={t("enterprise.cultivation.recordBriefing")}
        onCancel={() => setBriefingOpen(false)}
        okText={t("enterprise.common.save")}
        cancelText={t("common.cancel")}
        confirmLoading={briefing.isPending}
        okButtonProps={{ "data-testid": "briefing-submit" } as ButtonProps}
        onOk={() =>
          briefingForm.validateFields().then((v) =>
            briefing.mutate(
              { communityId: enterprise.communityId, heldOn: v.heldOn.format("YYYY-MM-DD"), topic: v.topic.trim(), placeIds: v.placeIds },
              { onSuccess: () => setBriefingOpen(false), onError: fail },
            ),
          )
        }
        destroyOnHidden
      >
        <Form form={briefingForm} layout="vertical" preserve={false} initialValues={{ heldOn: dayjs(chinaDay()), placeIds: [enterprise.id] }}>
          <Form.Item name="topic" label={t("enterprise.briefings.topic")} rules={[{ required: true, whitespace: true, message: t("enterprise.common.required") }]}>
            <Input maxLength={100} data-testid="briefing-topic" />
          </Form.Item>
          <Form.Item name="heldOn" label={t("enterprise.briefings.heldOn")} rules={[{ required: true, message: t("enterprise.common.required") }]}>
            <DatePicker disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="placeIds" label={t("enterprise.briefings.places")} rules={[{ required: true, type: "array", min: 1, message: t("enterprise.campaigns.pickRule") }]}>
            <EnterprisePicker known={[{ id: enterprise.id, name: enterprise.name }]} testId="briefing-places" />
          </Form.Item>
          <Typography.Text type="secondary">{t("enterprise.briefings.hint")}</Typography.Text>
        </Form>
      </Modal>
    </Card>
  );
}
