import { useState } from "react";
import { Button, ErrorBlock, Form, Input, List, Selector, Skeleton, Tag, TextArea, Toast } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { CORRECTION_FIELDS, type OwnRecord } from "../../../contracts/registry";
import { errorMessage } from "../../lib/error-message";
import { formatDateTime } from "../../lib/format";
import { useOwnRecord, useRequestCorrection } from "./use-registry";
import "./registry.css";

type Field = (typeof CORRECTION_FIELDS)[number];
type Person = NonNullable<OwnRecord["person"]>;
type Request = OwnRecord["corrections"][number];

const STATUS_COLOR: Record<Request["status"], "warning" | "success" | "default"> = { open: "warning", done: "success", rejected: "default" };

/** 我的档案: what the register holds about the signed-in resident (masked), their correction requests, and a form to ask for one. */
export function MobileOwnRecord() {
  const { t } = useTranslation();
  const record = useOwnRecord();
  if (record.isPending) return <Skeleton.Paragraph lineCount={10} animated className="m-pad" />;
  if (record.isError) return <ErrorBlock status="default" title={errorMessage(record.error, t)} description="" />;
  const { person, corrections } = record.data;
  if (!person) {
    return (
      <div className="rg-m-empty" data-testid="own-record-none">
        <ErrorBlock status="empty" title={t("registry.own.noRecordTitle")} description={t("registry.own.noRecordText")} />
      </div>
    );
  }
  return (
    <div data-testid="own-record">
      <PersonCard person={person} />
      <Requests items={corrections} />
      <CorrectionForm openFields={corrections.filter((c) => c.status === "open").map((c) => c.field)} />
    </div>
  );
}

function PersonCard({ person }: { person: Person }) {
  const { t } = useTranslation();
  return (
    <>
      <section className="m-card">
        <div className="rg-m-item-head">
          <strong className="rg-m-own-name" data-testid="own-name">
            {person.name}
          </strong>
          <span className="m-muted">
            {t(`people.sex.${person.sex}`)} · {t("people.age", { age: person.age })}
          </span>
          {person.status !== "active" && <Tag color="default">{t(`registry.personStatus.${person.status}`, { defaultValue: person.status })}</Tag>}
        </div>
        <div className="m-muted rg-m-own-intro">{t("registry.own.intro")}</div>
      </section>
      <List header={t("registry.own.basic")} data-testid="own-details">
        <List.Item extra={<span data-testid="own-id-number">{person.idNumber}</span>}>{t("registry.person.idNumber")}</List.Item>
        <List.Item extra={person.birthDate}>{t("registry.person.birthDate")}</List.Item>
        <List.Item extra={<span data-testid="own-phone">{person.phone ?? "—"}</span>}>{t("registry.person.phone")}</List.Item>
        <List.Item description={<span data-testid="own-address">{person.address ?? "—"}</span>}>{t("registry.person.address")}</List.Item>
        <List.Item extra={t(`registry.relation.${person.relation}`)}>{t("registry.person.relation")}</List.Item>
        <List.Item extra={t(`people.residence.${person.residence}`)}>{t("registry.person.residence")}</List.Item>
        <List.Item
          description={
            person.tags.length > 0 ? (
              <div className="rg-m-tags" data-testid="own-tags">
                {person.tags.map((x) => (
                  <Tag key={x.code} color="warning" fill="outline">
                    {x.name}
                  </Tag>
                ))}
              </div>
            ) : (
              t("registry.own.noTags")
            )
          }
        >
          {t("registry.own.tags")}
        </List.Item>
      </List>
    </>
  );
}

function Requests({ items }: { items: Request[] }) {
  const { t } = useTranslation();
  return (
    <List header={t("registry.own.requests")} data-testid="own-requests">
      {items.length === 0 ? (
        <List.Item>
          <span className="m-muted">{t("registry.own.noRequests")}</span>
        </List.Item>
      ) : (
        items.map((r) => (
          <List.Item
            key={r.id}
            data-testid="own-request"
            extra={
              <Tag color={STATUS_COLOR[r.status]} data-testid="own-request-status">
                {t(`registry.own.statuses.${r.status}`)}
              </Tag>
            }
            description={
              <div>
                {r.note && <div>{r.note}</div>}
                <div>
                  {t("registry.own.askedAt", { at: formatDateTime(r.createdAt) })}
                  {r.handledAt ? ` · ${t("registry.own.handledAt", { at: formatDateTime(r.handledAt) })}` : ""}
                </div>
              </div>
            }
          >
            {t("registry.own.requestLine", { field: t(`registry.corrections.fields.${r.field}`), value: r.proposed })}
          </List.Item>
        ))
      )}
    </List>
  );
}

const PHONE = /^1[3-9]\d{9}$/;
const ID_NUMBER = /^\d{17}[\dXx]$/;

/** The rule a proposed value breaks before it is sent, if any (the server checks again, the ID checksum too). */
function problem(field: Field, value: string): "proposedRule" | "phoneRule" | "idRule" | null {
  const v = value.trim();
  if (!v) return "proposedRule";
  if (field === "phone" && !PHONE.test(v.replace(/[\s-]/g, ""))) return "phoneRule";
  if (field === "idNumber" && !ID_NUMBER.test(v)) return "idRule";
  return null;
}

function CorrectionForm({ openFields }: { openFields: string[] }) {
  const { t } = useTranslation();
  const send = useRequestCorrection();
  const [open, setOpen] = useState(false);
  const [field, setField] = useState<Field>();
  const [proposed, setProposed] = useState("");
  const [note, setNote] = useState("");
  const [touched, setTouched] = useState(false);

  if (!open) {
    return (
      <div className="rg-m-actions">
        <Button block color="primary" size="large" onClick={() => setOpen(true)} data-testid="own-request-open">
          {t("registry.own.request")}
        </Button>
      </div>
    );
  }

  const rule = field ? problem(field, proposed) : null;
  const reset = () => {
    setOpen(false);
    setField(undefined);
    setProposed("");
    setNote("");
    setTouched(false);
  };
  const submit = () => {
    setTouched(true);
    if (!field || rule) return;
    send.mutate(
      { field, proposed: proposed.trim(), note: note.trim() || undefined },
      {
        onSuccess: () => {
          Toast.show({ icon: "success", content: t("registry.own.sent") });
          reset();
        },
        onError: (err) => Toast.show({ icon: "fail", content: errorMessage(err, t), duration: 3000 }),
      },
    );
  };

  return (
    <section className="rg-m-own-form" data-testid="own-request-form">
      <Form layout="vertical" className="m-form">
        <Form.Header>{t("registry.own.formTitle")}</Form.Header>
        <Form.Item label={t("registry.own.field")} required className={touched && !field ? "m-form-missing" : undefined}>
          <Selector
            columns={3}
            value={field ? [field] : []}
            onChange={(v) => {
              setField(v[0]);
              setProposed("");
            }}
            options={CORRECTION_FIELDS.map((f) => ({
              value: f,
              label: `${t(`registry.corrections.fields.${f}`)}${openFields.includes(f) ? t("registry.own.fieldOpen") : ""}`,
              disabled: openFields.includes(f),
            }))}
            data-testid="own-request-field"
          />
          {touched && !field && <div className="m-text-red">{t("registry.own.proposedRule")}</div>}
        </Form.Item>
        {field && (
          <Form.Item label={t("registry.own.proposed")} required className={touched && rule ? "m-form-missing" : undefined}>
            {field === "other" || field === "address" ? (
              <TextArea value={proposed} onChange={setProposed} placeholder={t(`registry.own.placeholders.${field}`)} autoSize={{ minRows: 2, maxRows: 5 }} maxLength={200} data-testid="own-request-proposed" />
            ) : (
              <Input
                value={proposed}
                onChange={setProposed}
                placeholder={t(`registry.own.placeholders.${field}`)}
                type={field === "phone" ? "tel" : "text"}
                maxLength={field === "phone" ? 13 : field === "idNumber" ? 18 : 40}
                clearable
                data-testid="own-request-proposed"
              />
            )}
            {touched && rule && <div className="m-text-red">{t(`registry.own.${rule}`)}</div>}
            {field === "idNumber" && <div className="m-muted">{t("registry.own.idHint")}</div>}
          </Form.Item>
        )}
        <Form.Item label={t("registry.own.note")}>
          <TextArea value={note} onChange={setNote} placeholder={t("registry.own.notePlaceholder")} autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} data-testid="own-request-note" />
        </Form.Item>
      </Form>
      <div className="rg-m-own-buttons">
        <Button block size="large" onClick={reset}>
          {t("registry.own.cancel")}
        </Button>
        <Button block color="primary" size="large" loading={send.isPending} onClick={submit} data-testid="own-request-submit">
          {t("registry.own.submit")}
        </Button>
      </div>
    </section>
  );
}
