import type { ButtonProps } from "antd";
import { useState } from "react";
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Select, Skeleton, Space, Switch, Table, Tag, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { SIZE_BAND_VALUES } from "../../../contracts/enterprise";
import { errorMessage } from "../../lib/error-message";
import { CultivationCard } from "./cultivation-card";
import { industryName } from "./labels";
import { NeedActions, NeedState } from "./need-actions";
import type { EnterpriseDetail, NeedItem } from "./types";
import { useEnterprise, useNeeds, usePatchEnterprise, useUnmaskContact } from "./use-enterprise";
import { VisitModal } from "./visit-modal";

const HISTORY_COLOR: Record<string, string> = { visit: "green", need: "orange", inspection: "blue", rectification: "red", event: "purple", briefing: "cyan" };

/** The contact's phone, masked; a typed reason shows it in full (the server audits it). */
function ContactPhone({ enterprise, canUnmask }: { enterprise: EnterpriseDetail; canUnmask: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const unmask = useUnmaskContact(enterprise.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [shown, setShown] = useState<string | null>(null);
  if (!enterprise.contactPhone) return <>—</>;
  return (
    <Space>
      <span className="ll-mono" data-testid="contact-phone">
        {shown ?? enterprise.contactPhone}
      </span>
      {canUnmask && !shown && (
        <Button size="small" type="link" onClick={() => setOpen(true)} data-testid="contact-unmask">
          {t("enterprise.detail.unmask")}
        </Button>
      )}
      <Modal
        open={open}
        title={t("enterprise.detail.unmaskTitle")}
        onCancel={() => setOpen(false)}
        okText={t("enterprise.common.confirm")}
        cancelText={t("common.cancel")}
        okButtonProps={{ disabled: reason.trim().length < 2, "data-testid": "unmask-submit" } as ButtonProps}
        confirmLoading={unmask.isPending}
        onOk={() =>
          unmask.mutate(reason.trim(), {
            onSuccess: (r) => {
              setShown(r.contactPhone);
              setOpen(false);
            },
            onError: (e) => message.error(errorMessage(e, t)),
          })
        }
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t("enterprise.detail.unmaskHint")}</Typography.Paragraph>
        <Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} placeholder={t("enterprise.detail.unmaskReason")} data-testid="unmask-reason" />
      </Modal>
    </Space>
  );
}

type ProfileForm = { industry?: string; sizeBand?: string | null; keyEnterprise: boolean; complexName?: string; creditCode?: string; contactName?: string; contactPhone?: string };

function ProfileModal({ enterprise, onClose }: { enterprise: EnterpriseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const patch = usePatchEnterprise(enterprise.id);
  const [form] = Form.useForm<ProfileForm>();
  return (
    <Modal
      open
      title={t("enterprise.detail.edit")}
      onCancel={onClose}
      okText={t("enterprise.common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={patch.isPending}
      onOk={() =>
        form.validateFields().then((v) =>
          patch.mutate(
            {
              industry: v.industry?.trim() || null,
              sizeBand: (v.sizeBand as EnterpriseDetail["sizeBand"]) ?? null,
              keyEnterprise: v.keyEnterprise,
              complexName: v.complexName?.trim() || null,
              creditCode: v.creditCode?.trim() ? v.creditCode.trim() : undefined,
              contactName: v.contactName?.trim() || null,
              ...(v.contactPhone?.trim() ? { contactPhone: v.contactPhone.trim() } : {}),
            },
            { onSuccess: onClose, onError: (e) => message.error(errorMessage(e, t)) },
          ),
        )
      }
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          industry: enterprise.industry ?? undefined,
          sizeBand: enterprise.sizeBand,
          keyEnterprise: enterprise.keyEnterprise,
          complexName: enterprise.complexName ?? undefined,
          creditCode: enterprise.creditCode ?? undefined,
          contactName: enterprise.contactName ?? undefined,
        }}
      >
        <Form.Item name="creditCode" label={t("enterprise.field.creditCode")} extra={t("enterprise.detail.creditCodeHint")}>
          <Input maxLength={18} className="ll-mono" />
        </Form.Item>
        <Form.Item name="industry" label={t("enterprise.field.industry")}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="sizeBand" label={t("enterprise.field.sizeBand")}>
          <Select allowClear options={SIZE_BAND_VALUES.map((s) => ({ value: s, label: t(`enterprise.size.${s}`) }))} />
        </Form.Item>
        <Form.Item name="complexName" label={t("enterprise.field.complex")}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="keyEnterprise" label={t("enterprise.field.keyEnterprise")} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="contactName" label={t("enterprise.field.contactName")}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t("enterprise.field.contactPhone")} extra={t("enterprise.detail.phoneHint")}>
          <Input maxLength={11} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One enterprise: its profile, masked contact, 入库 pipeline, needs and engagement history. */
export function EnterpriseDetailView({ id, canManage, canUnmask, canVisit }: { id: string; canManage: boolean; canUnmask: boolean; canVisit: boolean }) {
  const { t } = useTranslation();
  const enterprise = useEnterprise(id);
  const needs = useNeeds({ placeId: id });
  const [editing, setEditing] = useState(false);
  const [visiting, setVisiting] = useState(false);
  if (enterprise.isPending) return <Skeleton active />;
  if (enterprise.isError) return <Alert type="error" showIcon title={errorMessage(enterprise.error, t)} />;
  const e = enterprise.data;
  return (
    <div data-testid="enterprise-detail">
      <Card
        size="small"
        className="ll-gap"
        title={
          <Space wrap>
            <span data-testid="enterprise-title">{e.name}</span>
            <Tag>{t(`enterprise.kind.${e.kind}`, { defaultValue: e.kind })}</Tag>
            {e.keyEnterprise && <Tag color="red">{t("enterprise.field.keyEnterprise")}</Tag>}
          </Space>
        }
        extra={
          <Space>
            {canVisit && (
              <Button size="small" onClick={() => setVisiting(true)} data-testid="enterprise-visit">
                {t("enterprise.visit.title")}
              </Button>
            )}
            {canManage && (
              <Button size="small" onClick={() => setEditing(true)} data-testid="enterprise-edit">
                {t("enterprise.detail.edit")}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t("enterprise.field.creditCode")}>
            <span className="ll-mono">{e.creditCode ?? "—"}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("enterprise.field.address")}>{e.address}</Descriptions.Item>
          <Descriptions.Item label={t("enterprise.field.grid")}>{e.grid ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("enterprise.field.industry")}>{industryName(t, e.industry)}</Descriptions.Item>
          <Descriptions.Item label={t("enterprise.field.sizeBand")}>{e.sizeBand ? t(`enterprise.size.${e.sizeBand}`) : "—"}</Descriptions.Item>
          <Descriptions.Item label={t("enterprise.field.complex")}>{e.complexName ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("enterprise.field.contactName")}>{e.contactName ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("enterprise.field.contactPhone")}>
            <ContactPhone enterprise={e} canUnmask={canUnmask} />
          </Descriptions.Item>
          <Descriptions.Item label={t("enterprise.field.lastVisit")}>{e.lastVisitOn ?? t("enterprise.list.notVisited")}</Descriptions.Item>
        </Descriptions>
      </Card>
      <CultivationCard enterprise={e} canManage={canManage} />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t("enterprise.detail.needs")} className="ll-gap">
            <Table<NeedItem>
              rowKey="id"
              size="small"
              loading={needs.isPending}
              dataSource={needs.data?.items ?? []}
              pagination={false}
              data-testid="enterprise-needs"
              locale={{ emptyText: t("enterprise.needs.empty") }}
              columns={[
                { title: t("enterprise.needs.raisedOn"), dataIndex: "raisedOn", width: 105 },
                { title: t("enterprise.needs.kind"), dataIndex: "kind", width: 85, render: (k: string) => t(`enterprise.needKind.${k}`) },
                { title: t("enterprise.needs.description"), dataIndex: "description" },
                { title: t("enterprise.needs.status"), width: 200, render: (_, n) => <NeedState need={n} /> },
                { title: t("enterprise.common.actions"), width: 150, render: (_, n) => <NeedActions need={n} canManage={canManage} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t("enterprise.detail.history")} className="ll-gap">
            {e.history.length === 0 ? (
              <Typography.Text type="secondary">{t("enterprise.detail.noHistory")}</Typography.Text>
            ) : (
              <Timeline
                data-testid="enterprise-history"
                items={e.history.slice(0, 60).map((h) => ({
                  color: HISTORY_COLOR[h.kind],
                  content: (
                    <div data-testid="history-item" data-kind={h.kind}>
                      <Typography.Text type="secondary">{h.on}</Typography.Text> <Tag>{t(`enterprise.historyKind.${h.kind}`)}</Tag>
                      <Typography.Text>{h.title}</Typography.Text>
                      {h.detail && <div className="ll-muted">{h.detail}</div>}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      {editing && <ProfileModal enterprise={e} onClose={() => setEditing(false)} />}
      {visiting && <VisitModal placeId={e.id} onClose={() => setVisiting(false)} />}
    </div>
  );
}
