import { useState, type ReactNode } from "react";
import { Alert, Button, Card, Descriptions, Skeleton, Space, Tag, Typography, type DescriptionsProps } from "antd";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/use-me";
import { errorMessage } from "../../lib/error-message";
import { EditPersonModal, MoveOutModal, UnmaskModal } from "./registry-modals";
import { TagEditor } from "./tag-editor";
import { usePerson } from "./use-registry";
import type { PersonDetail, Unmasked } from "./types";
import "./registry.css";

/** A resident: masked details, the audited "show full details", tags, edits and moving out. */
export function PersonView({ id, header }: { id: string; header: (title: string) => ReactNode }) {
  const { t } = useTranslation();
  const person = usePerson(id);
  if (person.isPending) return <Skeleton active />;
  if (person.isError)
    return (
      <>
        {header(t("registry.person.title"))}
        <Alert type="error" showIcon title={errorMessage(person.error, t)} />
      </>
    );
  return (
    <>
      {header(person.data.name)}
      <Detail p={person.data} />
    </>
  );
}

function Detail({ p }: { p: PersonDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const [full, setFull] = useState<Unmasked | null>(null);
  const [dialog, setDialog] = useState<"unmask" | "edit" | "move" | null>(null);
  const canUnmask = hasPermission(me.data, "person:unmask");
  const canWrite = hasPermission(me.data, "person:write") && p.status === "active";

  const sensitive = (masked: string | null, plain: string | null | undefined, testId: string) => (
    <span className={`ll-mono${full ? " rg-unmasked" : ""}`} data-testid={testId}>
      {(full ? plain : masked) ?? "—"}
    </span>
  );
  const items: DescriptionsProps["items"] = [
    { key: "name", label: t("registry.person.name"), children: <strong>{p.name}</strong> },
    { key: "sex", label: t("registry.person.sex"), children: t(`people.sex.${p.sex}`) },
    { key: "age", label: t("registry.person.age"), children: t("people.age", { age: p.age }) },
    { key: "birth", label: t("registry.person.birthDate"), children: p.birthDate },
    { key: "id", label: t("registry.person.idNumber"), children: sensitive(p.idNumber, full?.idNumber, "person-id-number") },
    { key: "phone", label: t("registry.person.phone"), children: sensitive(p.phone, full?.phone, "person-phone") },
    { key: "relation", label: t("registry.person.relation"), children: t(`registry.relation.${p.relation}`) },
    { key: "residence", label: t("registry.person.residence"), children: t(`people.residence.${p.residence}`) },
    { key: "status", label: t("registry.person.status"), children: <Tag color={p.status === "active" ? "green" : "default"}>{t(`registry.personStatus.${p.status}`, { defaultValue: p.status })}</Tag> },
    { key: "community", label: t("registry.person.community"), children: p.communityName },
    { key: "address", label: t("registry.person.address"), span: 2, children: p.address ?? "—" },
    { key: "party", label: t("registry.person.partyOrg"), children: p.partyOrg ?? "—" },
  ];

  return (
    <>
      <Card
        className="ll-page-card ll-gap"
        title={t("registry.person.basic")}
        extra={
          <Space wrap>
            {p.householdId && (
              <Button onClick={() => navigate(`/registry/households/${p.householdId}`)} data-testid="open-household">
                {t("registry.person.openHousehold")}
              </Button>
            )}
            {canUnmask &&
              (full ? (
                <Button onClick={() => setFull(null)} data-testid="mask-again">
                  {t("registry.person.hide")}
                </Button>
              ) : (
                <Button type="primary" danger onClick={() => setDialog("unmask")} data-testid="unmask">
                  {t("registry.person.unmask")}
                </Button>
              ))}
            {canWrite && (
              <Button onClick={() => setDialog("edit")} data-testid="edit-person">
                {t("registry.person.edit")}
              </Button>
            )}
            {canWrite && p.relation !== "head" && (
              <Button danger onClick={() => setDialog("move")} data-testid="move-person-out">
                {t("registry.person.moveOut")}
              </Button>
            )}
          </Space>
        }
      >
        {full ? <Alert type="warning" showIcon title={t("registry.person.unmaskedNote")} className="ll-gap" data-testid="unmasked-note" /> : <Typography.Paragraph type="secondary">{t("registry.masked")}</Typography.Paragraph>}
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} items={items} data-testid="person-details" />
      </Card>
      <Card className="ll-page-card" title={t("registry.tags.title")}>
        <TagEditor person={p} editable={canWrite} />
      </Card>
      {dialog === "unmask" && (
        <UnmaskModal
          personId={p.id}
          onClose={() => setDialog(null)}
          onShown={(u) => {
            setFull(u);
            setDialog(null);
          }}
        />
      )}
      {dialog === "edit" && <EditPersonModal person={p} onClose={() => setDialog(null)} />}
      {dialog === "move" && <MoveOutModal target={{ kind: "person", id: p.id }} onClose={() => setDialog(null)} />}
    </>
  );
}
