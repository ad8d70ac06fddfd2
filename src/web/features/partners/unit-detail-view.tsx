import { useState } from "react";
import { Alert, Button, Card, Col, Descriptions, Empty, List, Row, Select, Skeleton, Space, Statistic, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import "./partners.css";
import { errorMessage } from "../../lib/error-message";
import { formatShortDateTime } from "../../lib/format";
import { AgreementModal } from "./agreement-modal";
import { GivingModal } from "./giving-modal";
import type { AgreementDetail, UnitDetail } from "./types";
import { useUnit, useUnitRecord } from "./use-units";

type Item = AgreementDetail["offers"][number];

function ItemTable({ title, items, testId }: { title: string; items: Item[]; testId: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <div className="pt-agreement-list" data-testid={testId}>
      <Typography.Text strong>{title}</Typography.Text>
      <List
        size="small"
        dataSource={items}
        renderItem={(i) => (
          <List.Item>
            <Space wrap>
              {i.resourceKind && <Tag>{t(`partners.resourceKind.${i.resourceKind}`)}</Tag>}
              <span>{i.description}</span>
              {i.quantity !== null && (
                <Typography.Text type="secondary">
                  {i.quantity}
                  {i.unit ?? ""}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}

function AgreementCard({ a }: { a: AgreementDetail }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      className="ll-gap"
      data-testid="agreement-card"
      title={
        <Space>
          {t("partners.units.period", { from: a.startsOn, to: a.endsOn })}
          <Tag color={a.current ? "green" : "default"}>{a.current ? t("partners.unit.current") : t("partners.unit.ended")}</Tag>
        </Space>
      }
    >
      <Descriptions size="small" column={3}>
        <Descriptions.Item label={t("partners.unit.signedOn")}>{a.signedOn ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("partners.unit.signatories")}>{a.signatories.join("、")}</Descriptions.Item>
        <Descriptions.Item label={t("partners.unit.partTimeMember")}>{a.partTimeMember ?? "—"}</Descriptions.Item>
      </Descriptions>
      <ItemTable title={t("partners.unit.offers")} items={a.offers} testId="agreement-offers-list" />
      <ItemTable title={t("partners.unit.needs")} items={a.needs} testId="agreement-needs-list" />
      <ItemTable title={t("partners.unit.projects")} items={a.projects} testId="agreement-projects-list" />
    </Card>
  );
}

/** The yearly record of a unit for its annual review: meetings, resources given, activities. */
function UnitRecordCard({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const thisYear = Number(new Date().toISOString().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const record = useUnitRecord(unitId, year);
  const years = Array.from({ length: 5 }, (_, i) => thisYear - i);
  return (
    <Card
      title={t("partners.unit.record")}
      className="ll-gap"
      data-testid="unit-record"
      extra={<Select value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: String(y) }))} style={{ width: 100 }} data-testid="record-year" />}
    >
      {record.isPending && <Skeleton active />}
      {record.isError && <Alert type="error" showIcon title={errorMessage(record.error, t)} />}
      {record.data && (
        <>
          <Row gutter={16} className="ll-gap">
            <Col span={8}>
              <Statistic title={t("partners.unit.meetings")} value={record.data.meetings.count} />
            </Col>
            <Col span={8}>
              <Statistic title={t("partners.unit.resourcesGiven")} value={record.data.resources.count} valueRender={(v) => <span data-testid="record-resources">{v}</span>} />
            </Col>
            <Col span={8}>
              <Statistic title={t("partners.unit.activitiesJoined")} value={record.data.activities.count} />
            </Col>
          </Row>
          {record.data.resources.byKind.length > 0 && (
            <Space wrap className="ll-gap">
              {record.data.resources.byKind.map((k) => (
                <Tag key={k.kind} color="blue">
                  {t(`partners.resourceKind.${k.kind}`, { defaultValue: k.name })} × {k.count}
                </Tag>
              ))}
            </Space>
          )}
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={record.data.resources.items}
            locale={{ emptyText: t("partners.unit.recordEmpty") }}
            data-testid="record-resource-table"
            columns={[
              { title: t("partners.common.date"), dataIndex: "givenOn", width: 120 },
              { title: t("partners.agreement.itemKind"), dataIndex: "resourceKind", width: 100, render: (k: string) => t(`partners.resourceKind.${k}`) },
              { title: t("partners.common.description"), dataIndex: "description" },
              { title: t("partners.common.quantity"), width: 120, render: (_, r) => (r.quantity === null ? "—" : `${r.quantity}${r.unit ?? ""}`) },
            ]}
          />
          {(record.data.meetings.items.length > 0 || record.data.activities.items.length > 0) && (
            <Row gutter={16} className="ll-gap" style={{ marginTop: 16 }}>
              <Col span={12}>
                <Typography.Text strong>{t("partners.unit.meetings")}</Typography.Text>
                <List
                  size="small"
                  dataSource={record.data.meetings.items}
                  renderItem={(m) => (
                    <List.Item>
                      {formatShortDateTime(m.startsAt)} {m.title}
                    </List.Item>
                  )}
                />
              </Col>
              <Col span={12}>
                <Typography.Text strong>{t("partners.unit.activitiesJoined")}</Typography.Text>
                <List
                  size="small"
                  dataSource={record.data.activities.items}
                  renderItem={(a) => (
                    <List.Item>
                      {formatShortDateTime(a.startsAt)} {a.title}
                      <Tag>{a.role === "booth" ? t("partners.unit.roleBooth") : t("partners.unit.roleUnit")}</Tag>
                    </List.Item>
                  )}
                />
              </Col>
            </Row>
          )}
        </>
      )}
    </Card>
  );
}

function UnitBody({ unit, canManage }: { unit: UnitDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const [signing, setSigning] = useState(false);
  const [giving, setGiving] = useState(false);
  const current = unit.agreements.find((a) => a.current);
  return (
    <>
      <Card
        title={
          <Space>
            <span data-testid="unit-title">{unit.name}</span>
            {unit.bigCommittee && <Tag color="red">{t("partners.units.bigCommitteeTag")}</Tag>}
          </Space>
        }
        extra={
          canManage && (
            <Space>
              <Button onClick={() => setGiving(true)} data-testid="record-giving">
                {t("partners.unit.give")}
              </Button>
              <Button type="primary" onClick={() => setSigning(true)} data-testid="sign-agreement">
                {t("partners.unit.sign")}
              </Button>
            </Space>
          )
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t("partners.units.kind")}>{t(`partners.unitKind.${unit.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t("partners.units.partyOrg")}>{unit.partyOrg ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("partners.common.community")}>{unit.community.name}</Descriptions.Item>
          <Descriptions.Item label={t("partners.units.contact")}>{unit.contactName ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("partners.units.contactPhone")}>{unit.contactPhone ?? "—"}</Descriptions.Item>
          {unit.place && <Descriptions.Item label={t("partners.activities.place")}>{unit.place.name}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={t("partners.unit.agreements")} className="ll-gap" style={{ marginTop: 16 }}>
        {unit.agreements.length === 0 ? <Empty description={t("partners.unit.noAgreements")} /> : unit.agreements.map((a) => <AgreementCard key={a.id} a={a} />)}
      </Card>
      <div style={{ marginTop: 16 }}>
        <UnitRecordCard unitId={unit.id} />
      </div>
      {canManage && (
        <>
          <AgreementModal unitId={unit.id} open={signing} onClose={() => setSigning(false)} />
          <GivingModal unitId={unit.id} offers={current?.offers ?? []} open={giving} onClose={() => setGiving(false)} />
        </>
      )}
    </>
  );
}

/** A partner unit: details, agreements with their three lists, and the yearly record. */
export function UnitDetailView({ id, canManage }: { id: string; canManage: boolean }) {
  const { t } = useTranslation();
  const unit = useUnit(id);
  if (unit.isPending) return <Skeleton active />;
  if (unit.isError) return <Alert type="error" showIcon title={errorMessage(unit.error, t)} />;
  return <UnitBody unit={unit.data} canManage={canManage} />;
}
