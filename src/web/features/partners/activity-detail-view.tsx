import { useState } from "react";
import { Alert, App, Button, Card, Col, Descriptions, Form, Image, Input, InputNumber, List, Row, Select, Skeleton, Space, Statistic, Table, Tag, Typography, Upload } from "antd";
import { UploadOutlined } from "@ant-design/icons";
import { uploadPhoto } from "../../lib/upload-photo";
import { useTranslation } from "react-i18next";
import "./partners.css";
import { errorMessage } from "../../lib/error-message";
import { formatShortDateTime } from "../../lib/format";
import { formatSpan, STATUS_COLOUR } from "./activity-labels";
import { absoluteUrl, QrCode } from "../../lib/qr-code";
import type { ActivityDetail, SignupItem } from "./types";
import { useAddActivityUnit, useAddBooth, useActivity, useCheckinCode, useRecordOutputs, useSignups, useUpdateActivity } from "./use-activities";
import { useTeams } from "./use-talent";
import { useUnits } from "./use-units";
import { hasPermission, useMe } from "../../api/use-me";
import { ActivityOrganiserCard } from "../party/activity-organiser-card";

const OUTPUT_KEYS = ["served", "leaflets", "legalQuestions"] as const;

/** The venue's check-in QR code, drawn in the browser from the activity's code. */
function CheckinCard({ a }: { a: ActivityDetail }) {
  const { t } = useTranslation();
  const code = useCheckinCode(a.id, a.status !== "cancelled");
  const url = code.data ? absoluteUrl(code.data.url) : "";
  return (
    <Card title={t("partners.activity.checkin")} size="small" data-testid="checkin-card">
      {code.isError && <Alert type="error" showIcon title={errorMessage(code.error, t)} />}
      {code.data && (
        <div className="pt-qr-box">
          <QrCode value={url} size={200} testId="checkin-qr" className="pt-qr" />
          <Typography.Text type="secondary">{t("partners.activity.checkinHint")}</Typography.Text>
          <Typography.Text copyable={{ text: url }} className="pt-qr-url">
            <a href={url} target="_blank" rel="noreferrer" data-testid="checkin-url">
              {url}
            </a>
          </Typography.Text>
          <Typography.Text strong data-testid="checkin-count">{t("partners.activity.checkedInCount", { count: a.checkedIn })}</Typography.Text>
        </div>
      )}
    </Card>
  );
}

function Roster({ id }: { id: string }) {
  const { t } = useTranslation();
  const roster = useSignups(id);
  return (
    <Card title={t("partners.activity.roster")} size="small">
      {roster.isError && <Alert type="error" showIcon title={errorMessage(roster.error, t)} />}
      <Table<SignupItem>
        rowKey="id"
        size="small"
        loading={roster.isPending}
        dataSource={roster.data ?? []}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        locale={{ emptyText: t("partners.activity.rosterEmpty") }}
        data-testid="roster"
        columns={[
          { title: t("partners.activity.person"), render: (_, s) => <span data-testid="roster-name">{s.user.name}</span> },
          { title: t("partners.activity.role"), dataIndex: "role", width: 110, render: (r: string) => t(`roles.${r}`, { defaultValue: r }) },
          {
            title: t("partners.common.status"),
            width: 140,
            render: (_, s) => (
              <Space size={4}>
                <Tag color={s.status === "confirmed" ? "green" : s.status === "waitlisted" ? "orange" : "default"}>{t(`partners.signupStatus.${s.status}`)}</Tag>
                {s.status === "waitlisted" && s.position !== null && `#${s.position}`}
              </Space>
            ),
          },
          { title: t("partners.activity.signedUpAt"), dataIndex: "createdAt", width: 120, render: (v: string) => formatShortDateTime(v) },
          {
            title: t("partners.activity.checkedInAt"),
            dataIndex: "checkedInAt",
            width: 120,
            render: (v: string | null) => (v ? <span data-testid="roster-checked-in">{formatShortDateTime(v)}</span> : <Typography.Text type="secondary">{t("partners.activity.notCheckedIn")}</Typography.Text>),
          },
        ]}
      />
    </Card>
  );
}

function OutputsCard({ a, canManage }: { a: ActivityDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, number | undefined>>();
  const record = useRecordOutputs(a.id);
  const keys = [...new Set([...OUTPUT_KEYS, ...Object.keys(a.outputs)])];
  const submit = async () => {
    const v = await form.validateFields();
    const outputs = Object.fromEntries(Object.entries(v).filter(([, n]) => typeof n === "number")) as Record<string, number>;
    record.mutate(
      { outputs },
      {
        onSuccess: () => {
          message.success(t("partners.activity.outputsAdded"));
          form.resetFields();
        },
        onError: (e) => message.error(errorMessage(e, t)),
      },
    );
  };
  return (
    <Card title={t("partners.activity.outputs")} size="small" data-testid="outputs-card">
      <Row gutter={12} className="ll-gap">
        {keys.map((k) => (
          <Col span={8} key={k}>
            <Statistic title={t(`partners.outputs.${k}`, { defaultValue: k })} value={a.outputs[k] ?? 0} valueRender={(v) => <span data-testid={`output-${k}`}>{v}</span>} />
          </Col>
        ))}
      </Row>
      {canManage && (
        <Form form={form} layout="inline" onFinish={submit}>
          {OUTPUT_KEYS.map((k) => (
            <Form.Item key={k} name={k} label={t(`partners.outputs.${k}`)}>
              <InputNumber min={0} max={1_000_000} style={{ width: 90 }} data-testid={`output-input-${k}`} />
            </Form.Item>
          ))}
          <Form.Item>
            <Button htmlType="submit" loading={record.isPending} data-testid="outputs-submit">
              {t("partners.activity.recordOutputs")}
            </Button>
          </Form.Item>
        </Form>
      )}
      <Typography.Text strong style={{ display: "block", marginTop: 12 }}>
        {t("partners.activity.photos")}
      </Typography.Text>
      <Space wrap style={{ marginTop: 8 }} data-testid="activity-photos">
        <Image.PreviewGroup>
          {a.photos.map((p) => (
            <Image key={p.id} src={p.thumbUrl} preview={{ src: p.url }} width={96} height={72} className="pt-photo" alt="" />
          ))}
        </Image.PreviewGroup>
        {canManage && (
          <Upload
            accept="image/jpeg,image/png,image/webp"
            showUploadList={false}
            customRequest={({ file, onSuccess, onError }) => {
              uploadPhoto(file as File)
                .then((up) => record.mutateAsync({ photoIds: [up.id] }))
                .then(() => {
                  message.success(t("partners.activity.outputsAdded"));
                  onSuccess?.({});
                })
                .catch((e: unknown) => {
                  message.error(errorMessage(e, t));
                  onError?.(e as Error);
                });
            }}
          >
            <Button icon={<UploadOutlined />} loading={record.isPending} data-testid="photo-upload">
              {t("partners.activity.addPhoto")}
            </Button>
          </Upload>
        )}
      </Space>
    </Card>
  );
}

function BoothsCard({ a, canManage }: { a: ActivityDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const units = useUnits();
  const teams = useTeams();
  const addBooth = useAddBooth(a.id);
  const addUnit = useAddActivityUnit(a.id);
  const [form] = Form.useForm<{ name: string; owner: string }>();
  const [unitId, setUnitId] = useState<string | undefined>();
  const submit = async () => {
    const v = await form.validateFields();
    const [kind, id] = v.owner.split(":");
    addBooth.mutate(
      { name: v.name, unitId: kind === "unit" ? id : undefined, teamId: kind === "team" ? id : undefined },
      {
        onSuccess: () => {
          message.success(t("partners.activity.boothAdded"));
          form.resetFields();
        },
        onError: (e) => message.error(errorMessage(e, t)),
      },
    );
  };
  const owners = [
    { label: t("partners.activity.boothByUnit"), options: (units.data ?? []).map((u) => ({ value: `unit:${u.id}`, label: u.name })) },
    { label: t("partners.activity.boothByTeam"), options: (teams.data ?? []).map((x) => ({ value: `team:${x.id}`, label: x.name })) },
  ];
  return (
    <Card title={`${t("partners.activities.units")} · ${t("partners.activity.booths")}`} size="small">
      <Space wrap className="ll-gap">
        {a.units.map((u) => (
          <Tag key={u.id} color="blue">
            {u.name}
          </Tag>
        ))}
      </Space>
      {canManage && (
        <Space.Compact style={{ width: "100%", marginBottom: 12 }}>
          <Select
            style={{ flex: 1 }}
            allowClear
            value={unitId}
            onChange={setUnitId}
            placeholder={t("partners.activity.addUnit")}
            showSearch={{ optionFilterProp: "label" }}
            options={(units.data ?? []).filter((u) => !a.units.some((x) => x.id === u.id)).map((u) => ({ value: u.id, label: u.name }))}
          />
          <Button
            disabled={!unitId}
            loading={addUnit.isPending}
            onClick={() =>
              addUnit.mutate(unitId!, {
                onSuccess: () => {
                  message.success(t("partners.activity.unitAdded"));
                  setUnitId(undefined);
                },
                onError: (e) => message.error(errorMessage(e, t)),
              })
            }
          >
            {t("partners.activity.addUnit")}
          </Button>
        </Space.Compact>
      )}
      {a.booths.length > 0 && (
      <List
        size="small"
        dataSource={a.booths}
        renderItem={(b) => (
          <List.Item>
            <Space>
              {b.name}
              <Typography.Text type="secondary">{b.unit?.name ?? b.team?.name}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      )}
      {canManage && (
        <Form form={form} layout="inline" onFinish={submit} style={{ marginTop: 8 }}>
          <Form.Item name="name" rules={[{ required: true, whitespace: true, max: 60 }]}>
            <Input placeholder={t("partners.activity.boothName")} />
          </Form.Item>
          <Form.Item name="owner" rules={[{ required: true }]}>
            <Select placeholder={t("partners.activity.boothOwner")} style={{ width: 220 }} options={owners} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" loading={addBooth.isPending}>
              {t("partners.activity.addBooth")}
            </Button>
          </Form.Item>
        </Form>
      )}
    </Card>
  );
}

function ActivityBody({ a, canManage }: { a: ActivityDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const update = useUpdateActivity(a.id);
  const [capacity, setCapacity] = useState<number | null>(null);
  const me = useMe().data;
  // 主办组织 (committee, branch, 工会, 团委, 妇联) for party-work roles: the activity counts in that organiser's record.
  const partyRead = !!me && hasPermission(me, "party:read");
  const partyWrite = !!me && hasPermission(me, "party:write");
  const setStatus = (status: string) =>
    update.mutate({ status }, { onSuccess: () => message.success(t("partners.activity.statusChanged")), onError: (e) => message.error(errorMessage(e, t)) });
  return (
    <>
      <Card
        title={
          <Space>
            <span data-testid="activity-detail-title">{a.title}</span>
            <Tag color={STATUS_COLOUR[a.status]} data-testid="activity-status">
              {t(`partners.activityStatus.${a.status}`)}
            </Tag>
          </Space>
        }
        extra={
          canManage && (
            <Space>
              {a.status === "planned" && (
                <Button type="primary" onClick={() => setStatus("open")} loading={update.isPending}>
                  {t("partners.activity.openSignup")}
                </Button>
              )}
              {(a.status === "open" || a.status === "planned") && (
                <>
                  <Button onClick={() => setStatus("done")} loading={update.isPending} data-testid="activity-done">
                    {t("partners.activity.markDone")}
                  </Button>
                  <Button
                    danger
                    onClick={() =>
                      modal.confirm({ title: t("partners.activity.cancelConfirm"), okText: t("partners.activity.cancel"), cancelText: t("partners.common.cancel"), onOk: () => setStatus("cancelled") })
                    }
                  >
                    {t("partners.activity.cancel")}
                  </Button>
                </>
              )}
            </Space>
          )
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t("partners.activities.kind")}>{t(`partners.activityKind.${a.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t("partners.activities.time")}>{formatSpan(a.startsAt, a.endsAt)}</Descriptions.Item>
          <Descriptions.Item label={t("partners.activities.place")}>{a.place}</Descriptions.Item>
          <Descriptions.Item label={t("partners.activities.signups")}>
            <Space>
              <span data-testid="activity-confirmed">
                {a.confirmed}/{a.capacity}
              </span>
              {a.waitlisted > 0 && <Tag color="orange">{t("partners.activities.waitlisted", { count: a.waitlisted })}</Tag>}
              {canManage && a.status !== "done" && a.status !== "cancelled" && (
                <Space.Compact size="small">
                  <InputNumber size="small" min={1} max={10000} placeholder={String(a.capacity)} value={capacity} onChange={(v) => setCapacity(v)} style={{ width: 80 }} />
                  <Button
                    size="small"
                    disabled={!capacity}
                    onClick={() =>
                      update.mutate(
                        { capacity: capacity! },
                        {
                          onSuccess: () => {
                            setCapacity(null);
                            message.success(t("partners.activity.capacityChanged"));
                          },
                          onError: (e) => message.error(errorMessage(e, t)),
                        },
                      )
                    }
                  >
                    {t("partners.activity.changeCapacity")}
                  </Button>
                </Space.Compact>
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t("partners.activities.hours")}>{t("partners.common.hoursValue", { value: a.hours })}</Descriptions.Item>
          <Descriptions.Item label={t("partners.activities.points")}>{t("partners.common.pointsValue", { value: a.points })}</Descriptions.Item>
          {a.team && <Descriptions.Item label={t("partners.activities.team")}>{a.team.name}</Descriptions.Item>}
          {a.description && (
            <Descriptions.Item label={t("partners.activities.description")} span={3}>
              {a.description}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} lg={16}>
          {canManage && <Roster id={a.id} />}
          <div style={{ marginTop: canManage ? 16 : 0 }}>
            <OutputsCard a={a} canManage={canManage} />
          </div>
          <div style={{ marginTop: 16 }}>
            <BoothsCard a={a} canManage={canManage} />
          </div>
        </Col>
        <Col xs={24} lg={8}>
          {canManage && <CheckinCard a={a} />}
          {partyRead && (
            <div style={{ marginTop: canManage ? 16 : 0 }}>
              <ActivityOrganiserCard activityId={a.id} communityId={a.community.id} canWrite={partyWrite} />
            </div>
          )}
        </Col>
      </Row>
    </>
  );
}

/** An activity for staff: details and status, the roster with the waiting list, the check-in QR code, outcomes, booths. */
export function ActivityDetailView({ id, canManage }: { id: string; canManage: boolean }) {
  const { t } = useTranslation();
  const activity = useActivity(id);
  if (activity.isPending) return <Skeleton active />;
  if (activity.isError) return <Alert type="error" showIcon title={errorMessage(activity.error, t)} />;
  return <ActivityBody a={activity.data} canManage={canManage} />;
}
