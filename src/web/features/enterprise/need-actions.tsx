import type { ButtonProps } from "antd";
import { useState } from "react";
import { App, Button, Empty, Form, Input, List, Modal, Space, Spin, Tag, Typography } from "antd";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import type { NeedItem } from "./types";
import { useMatchNeed, useNeedMatches, useReferNeed, useSettleNeed } from "./use-enterprise";

/** The partner offers that answer a need, each with a button that matches the need to it. */
function MatchModal({ need, onClose }: { need: NeedItem; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const matches = useNeedMatches(need.id);
  const match = useMatchNeed();
  return (
    <Modal open title={t("enterprise.needs.matchTitle", { name: need.place.name })} onCancel={onClose} footer={null} width={640} destroyOnHidden>
      <Typography.Paragraph type="secondary">{need.description}</Typography.Paragraph>
      {matches.isPending ? (
        <Spin />
      ) : matches.isError ? (
        <Typography.Text type="danger">{errorMessage(matches.error, t)}</Typography.Text>
      ) : matches.data.items.length === 0 ? (
        <Empty description={t("enterprise.needs.noMatch")} />
      ) : (
        <List
          dataSource={matches.data.items}
          data-testid="need-matches"
          renderItem={(m) => (
            <List.Item>
              <div style={{ width: "100%" }}>
                <Space>
                  <Typography.Text strong data-testid="match-unit">
                    {m.unit.name}
                  </Typography.Text>
                  <Typography.Text type="secondary">{t("enterprise.needs.until", { date: m.endsOn })}</Typography.Text>
                </Space>
                {m.offers.map((o) => (
                  <div key={o.id} className="ll-offer-row" style={{ display: "flex", justifyContent: "space-between", gap: 8, marginTop: 6 }}>
                    <span>{o.description}</span>
                    <Button
                      size="small"
                      type="primary"
                      loading={match.isPending && match.variables?.itemId === o.id}
                      data-testid="match-offer"
                      onClick={() =>
                        match.mutate(
                          { id: need.id, itemId: o.id },
                          {
                            onSuccess: () => {
                              message.success(t("enterprise.needs.matched"));
                              onClose();
                            },
                            onError: (e) => message.error(errorMessage(e, t)),
                          },
                        )
                      }
                    >
                      {t("enterprise.needs.matchThis")}
                    </Button>
                  </div>
                ))}
              </div>
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}

/** What can be done with a need: match it to a partner offer, refer it as a department case, or settle it. */
export function NeedActions({ need, canManage }: { need: NeedItem; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState<"match" | "refer" | "settle" | null>(null);
  const refer = useReferNeed();
  const settle = useSettleNeed();
  const [referForm] = Form.useForm<{ department?: string; note?: string }>();
  const [settleForm] = Form.useForm<{ settlement: string }>();
  if (!canManage || need.status === "settled") return null;
  const fail = (e: unknown) => message.error(errorMessage(e, t));
  return (
    <Space size={4} wrap onClick={(e) => e.stopPropagation()}>
      {need.status === "open" && (
        <>
          <Button size="small" onClick={() => setOpen("match")} data-testid="need-match">
            {t("enterprise.needs.match")}
          </Button>
          <Button size="small" onClick={() => setOpen("refer")} data-testid="need-refer">
            {t("enterprise.needs.refer")}
          </Button>
        </>
      )}
      <Button size="small" onClick={() => setOpen("settle")} data-testid="need-settle">
        {t("enterprise.needs.settle")}
      </Button>
      {open === "match" && <MatchModal need={need} onClose={() => setOpen(null)} />}
      <Modal
        open={open === "refer"}
        title={t("enterprise.needs.referTitle")}
        onCancel={() => setOpen(null)}
        okText={t("enterprise.needs.refer")}
        cancelText={t("common.cancel")}
        confirmLoading={refer.isPending}
        onOk={() =>
          referForm.validateFields().then((v) =>
            refer.mutate(
              { id: need.id, department: v.department?.trim() || undefined, note: v.note?.trim() || undefined },
              {
                onSuccess: () => {
                  message.success(t("enterprise.needs.referred"));
                  setOpen(null);
                },
                onError: fail,
              },
            ),
          )
        }
        destroyOnHidden
      >
        <Form form={referForm} layout="vertical" preserve={false}>
          <Form.Item name="department" label={t("enterprise.needs.department")} extra={t("enterprise.needs.departmentHint")}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="note" label={t("enterprise.needs.note")}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={open === "settle"}
        title={t("enterprise.needs.settleTitle")}
        onCancel={() => setOpen(null)}
        okText={t("enterprise.needs.settle")}
        cancelText={t("common.cancel")}
        confirmLoading={settle.isPending}
        okButtonProps={{ "data-testid": "settle-submit" } as ButtonProps}
        onOk={() =>
          settleForm.validateFields().then((v) =>
            settle.mutate(
              { id: need.id, settlement: v.settlement.trim() },
              {
                onSuccess: () => {
                  message.success(t("enterprise.needs.settled"));
                  setOpen(null);
                },
                onError: fail,
              },
            ),
          )
        }
        destroyOnHidden
      >
        <Form form={settleForm} layout="vertical" preserve={false}>
          <Form.Item name="settlement" label={t("enterprise.needs.settlement")} rules={[{ required: true, whitespace: true, message: t("enterprise.needs.settlementRule") }]}>
            <Input maxLength={200} data-testid="settlement" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

/** A need's state as a tag, with the partner it was matched to or the case it became. */
export function NeedState({ need }: { need: NeedItem }) {
  const { t } = useTranslation();
  const colors: Record<string, string> = { open: "orange", matched: "blue", referred: "purple", settled: "green" };
  return (
    <Space size={4} wrap>
      <Tag color={colors[need.status]} data-testid="need-status" data-status={need.status}>
        {t(`enterprise.needStatus.${need.status}`)}
      </Tag>
      {need.matched && (
        <Typography.Text type="secondary" data-testid="need-matched-unit">
          {need.matched.unitName}：{need.matched.offer}
        </Typography.Text>
      )}
      {need.caseNumber && (
        <Link to={`/cases/${need.caseId}`} data-testid="need-case">
          {t("enterprise.needs.case", { number: need.caseNumber })}
        </Link>
      )}
      {need.settlement && <Typography.Text type="secondary">{need.settlement}</Typography.Text>}
    </Space>
  );
}
