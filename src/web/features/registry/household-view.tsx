import { useState, type ReactNode } from "react";
import { Alert, Button, Card, Col, Descriptions, Row, Skeleton, Space, Table, Tag, type TableColumnsType } from "antd";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/use-me";
import { errorMessage } from "../../lib/error-message";
import { HistoryList, VisitList } from "./history-list";
import { AddMemberModal, MoveOutModal } from "./registry-modals";
import { useHousehold } from "./use-registry";
import type { HouseholdDetail, Member } from "./types";
import "./registry.css";
import { HouseholdPartyContacts } from "../party/household-contacts";

/** A household: its members (masked; click for the person), history of moves and home visits. */
export function HouseholdView({ id, header }: { id: string; header: (title: string) => ReactNode }) {
  const { t } = useTranslation();
  const household = useHousehold(id);
  if (household.isPending) return <Skeleton active />;
  if (household.isError)
    return (
      <>
        {header(t("registry.household.title"))}
        <Alert type="error" showIcon title={errorMessage(household.error, t)} />
      </>
    );
  return (
    <>
      {header(household.data.address)}
      <Detail h={household.data} />
    </>
  );
}

function Detail({ h }: { h: HouseholdDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const [dialog, setDialog] = useState<"add" | "move" | null>(null);
  const canWrite = hasPermission(me.data, "person:write") && h.status === "active";

  const columns: TableColumnsType<Member> = [
    { title: t("registry.person.name"), dataIndex: "name", width: 100, render: (v: string) => <a>{v}</a> },
    { title: t("registry.person.relation"), dataIndex: "relation", width: 100, render: (v: Member["relation"]) => t(`registry.relation.${v}`) },
    { title: t("registry.person.sex"), dataIndex: "sex", width: 60, render: (v: Member["sex"]) => t(`people.sex.${v}`) },
    { title: t("registry.person.age"), dataIndex: "age", width: 80, render: (v: number) => t("people.age", { age: v }) },
    { title: t("registry.person.idNumber"), dataIndex: "idNumber", width: 190, render: (v: string) => <span className="ll-mono">{v}</span> },
    { title: t("registry.person.phone"), dataIndex: "phone", width: 130, render: (v: string | null) => <span className="ll-mono">{v ?? "—"}</span> },
    { title: t("registry.person.residence"), dataIndex: "residence", width: 100, render: (v: Member["residence"]) => t(`people.residence.${v}`) },
    {
      title: t("registry.household.tags"),
      dataIndex: "tags",
      render: (v: Member["tags"]) => (
        <span className="rg-tag-cell">
          {v.map((tag) => (
            <Tag key={tag.code} color="volcano" variant="filled">
              {tag.name}
            </Tag>
          ))}
        </span>
      ),
    },
    { title: t("registry.person.status"), dataIndex: "status", width: 90, render: (v: string) => <Tag color={v === "active" ? "green" : "default"}>{t(`registry.personStatus.${v}`, { defaultValue: v })}</Tag> },
  ];

  return (
    <>
      <Card
        className="ll-page-card ll-gap"
        title={t("registry.household.title")}
        extra={
          canWrite && (
            <Space>
              <Button onClick={() => setDialog("add")} data-testid="add-member">
                {t("registry.addMember.title")}
              </Button>
              <Button danger onClick={() => setDialog("move")} data-testid="move-household-out">
                {t("registry.moveOut.householdTitle")}
              </Button>
            </Space>
          )
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: "address", label: t("registry.household.address"), children: h.address },
            { key: "head", label: t("registry.household.head"), children: h.head ?? "—" },
            { key: "members", label: t("registry.household.members"), children: t("registry.household.membersCount", { count: h.members }) },
            { key: "status", label: t("registry.household.status"), children: <Tag color={h.status === "active" ? "green" : "default"}>{t(`registry.household.statuses.${h.status}`, { defaultValue: h.status })}</Tag> },
            { key: "in", label: t("registry.household.movedInOn"), children: h.movedInOn ?? "—" },
            ...(h.movedOutOn ? [{ key: "out", label: t("registry.household.movedOutOn"), children: h.movedOutOn }] : []),
          ]}
        />
        {hasPermission(me.data, "party:contacts") && <HouseholdPartyContacts householdId={h.id} />}
        <Table<Member>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={h.people}
          pagination={false}
          scroll={{ x: 1000 }}
          rowClassName="rg-clickable"
          onRow={(m) => ({ onClick: () => navigate(`/registry/people/${m.id}`) })}
          data-testid="household-members"
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card className="ll-page-card ll-gap" title={t("registry.visits.title")}>
            <VisitList visits={h.visits} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card className="ll-page-card ll-gap" title={t("registry.history.title")}>
            <HistoryList history={h.history} />
          </Card>
        </Col>
      </Row>
      {dialog === "add" && <AddMemberModal householdId={h.id} onClose={() => setDialog(null)} />}
      {dialog === "move" && <MoveOutModal target={{ kind: "household", id: h.id }} onClose={() => setDialog(null)} />}
    </>
  );
}
