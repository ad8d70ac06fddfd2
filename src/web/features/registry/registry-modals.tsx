import { useState, type ComponentProps } from "react";
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { RELATIONS, RESIDENCES } from "../../../contracts/registry";
import { errorMessage } from "../../lib/error-message";
import { useAddMember, useMoveHouseholdOut, useMovePersonOut, useUnmask, useUpdatePerson } from "./use-registry";
import type { PersonDetail, Unmasked } from "./types";

const okProps = (testId: string) => ({ "data-testid": testId }) as ComponentProps<typeof Button>;
const day = (d: Dayjs) => d.format("YYYY-MM-DD");

/** Asks for the reason, then shows the full ID number and phone (the server writes the audit row). */
export function UnmaskModal({ personId, onClose, onShown }: { personId: string; onClose: () => void; onShown: (u: Unmasked) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const unmask = useUnmask(personId);
  const submit = async () => {
    const { reason } = await form.validateFields();
    onShown(await unmask.mutateAsync(reason.trim()));
  };
  return (
    <Modal open title={t("registry.unmask.title")} okText={t("registry.unmask.confirm")} cancelText={t("common.cancel")} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} confirmLoading={unmask.isPending} okButtonProps={okProps("unmask-submit")} destroyOnHidden>
      <Alert type="warning" showIcon title={t("registry.unmask.hint")} className="ll-gap" />
      {unmask.isError && <Alert type="error" showIcon title={errorMessage(unmask.error, t)} className="ll-gap" />}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t("registry.unmask.reason")} rules={[{ required: true, whitespace: true, min: 4, message: t("registry.unmask.reasonRule") }]}>
          <Input.TextArea rows={2} maxLength={200} placeholder={t("registry.unmask.reasonPlaceholder")} data-testid="unmask-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A member or the whole household moves out on a date; the record is archived, never deleted. */
export function MoveOutModal({ target, onClose }: { target: { kind: "person" | "household"; id: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ on: Dayjs; note?: string }>();
  const person = useMovePersonOut(target.id);
  const household = useMoveHouseholdOut(target.id);
  const write = target.kind === "person" ? person : household;
  const submit = async () => {
    const v = await form.validateFields();
    await write.mutateAsync({ on: day(v.on), note: v.note?.trim() || undefined });
    void message.success(t("registry.moveOut.done"));
    onClose();
  };
  return (
    <Modal
      open
      title={t(target.kind === "person" ? "registry.moveOut.personTitle" : "registry.moveOut.householdTitle")}
      okText={t("registry.moveOut.confirm")}
      okButtonProps={{ danger: true, ...okProps("move-out-submit") }}
      cancelText={t("common.cancel")}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={write.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t("registry.moveOut.hint")} className="ll-gap" />
      {write.isError && <Alert type="error" showIcon title={errorMessage(write.error, t)} className="ll-gap" />}
      <Form form={form} layout="vertical" initialValues={{ on: dayjs() }}>
        <Form.Item name="on" label={t("registry.moveOut.on")} rules={[{ required: true }]}>
          <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), "day")} />
        </Form.Item>
        <Form.Item name="note" label={t("registry.moveOut.note")}>
          <Input maxLength={200} placeholder={t("registry.moveOut.notePlaceholder")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type MemberValues = { name: string; idNumber: string; phone?: string; relation: PersonDetail["relation"]; residence: PersonDetail["residence"]; joinedOn: Dayjs };

/** A new member joins a household (birth date and sex follow from the ID number). */
export function AddMemberModal({ householdId, onClose }: { householdId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberValues>();
  const add = useAddMember(householdId);
  const submit = async () => {
    const v = await form.validateFields();
    await add.mutateAsync({ name: v.name.trim(), idNumber: v.idNumber.trim().toUpperCase(), phone: v.phone?.trim() || undefined, relation: v.relation, residence: v.residence, joinedOn: day(v.joinedOn) });
    void message.success(t("registry.addMember.done"));
    onClose();
  };
  return (
    <Modal open title={t("registry.addMember.title")} okText={t("common.confirm")} cancelText={t("common.cancel")} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} confirmLoading={add.isPending} okButtonProps={okProps("add-member-submit")} destroyOnHidden>
      {add.isError && <Alert type="error" showIcon title={errorMessage(add.error, t)} className="ll-gap" />}
      <Form form={form} layout="vertical" initialValues={{ relation: "child", residence: "registered", joinedOn: dayjs() }}>
        <Form.Item name="name" label={t("registry.addMember.name")} rules={[{ required: true, whitespace: true, message: t("registry.addMember.nameRule") }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="idNumber" label={t("registry.addMember.idNumber")} rules={[{ required: true, pattern: /^\d{17}[\dXx]$/, message: t("registry.addMember.idRule") }]}>
          <Input maxLength={18} className="ll-mono" />
        </Form.Item>
        <Form.Item name="phone" label={t("registry.addMember.phone")} rules={[{ pattern: /^1[3-9]\d{9}$/, message: t("registry.addMember.phoneRule") }]}>
          <Input maxLength={11} className="ll-mono" />
        </Form.Item>
        <RelationResidenceFields excludeHead />
        <Form.Item name="joinedOn" label={t("registry.addMember.joinedOn")} rules={[{ required: true }]}>
          <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), "day")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RelationResidenceFields({ excludeHead }: { excludeHead?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="relation" label={t("registry.person.relation")} rules={[{ required: true }]}>
        <Select options={RELATIONS.filter((r) => !excludeHead || r !== "head").map((r) => ({ value: r, label: t(`registry.relation.${r}`) }))} />
      </Form.Item>
      <Form.Item name="residence" label={t("registry.person.residence")} rules={[{ required: true }]}>
        <Select options={RESIDENCES.map((r) => ({ value: r, label: t(`people.residence.${r}`) }))} />
      </Form.Item>
    </>
  );
}

/** Name, phone, relation and residence type of a person; the change is kept in the household history. */
export function EditPersonModal({ person, onClose }: { person: PersonDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; phone?: string; relation: PersonDetail["relation"]; residence: PersonDetail["residence"] }>();
  const update = useUpdatePerson(person.id);
  const [phoneTouched, setPhoneTouched] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    const body: Parameters<typeof update.mutateAsync>[0] = {};
    if (v.name.trim() !== person.name) body.name = v.name.trim();
    if (v.relation !== person.relation) body.relation = v.relation;
    if (v.residence !== person.residence) body.residence = v.residence;
    // The phone arrives masked: only a newly typed number changes it.
    if (phoneTouched && v.phone?.trim()) body.phone = v.phone.trim();
    await update.mutateAsync(body);
    void message.success(t("registry.edit.saved"));
    onClose();
  };
  return (
    <Modal open title={t("registry.edit.title")} okText={t("common.confirm")} cancelText={t("common.cancel")} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} confirmLoading={update.isPending} okButtonProps={okProps("edit-submit")} destroyOnHidden>
      {update.isError && <Alert type="error" showIcon title={errorMessage(update.error, t)} className="ll-gap" />}
      <Form form={form} layout="vertical" initialValues={{ name: person.name, phone: "", relation: person.relation, residence: person.residence }}>
        <Form.Item name="name" label={t("registry.person.name")} rules={[{ required: true, whitespace: true, message: t("registry.addMember.nameRule") }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="phone" label={t("registry.person.phone")} extra={t("registry.edit.phoneHint")} rules={[{ pattern: /^1[3-9]\d{9}$/, message: t("registry.addMember.phoneRule") }]}>
          <Input maxLength={11} className="ll-mono" placeholder={person.phone ?? ""} onChange={() => setPhoneTouched(true)} />
        </Form.Item>
        <RelationResidenceFields excludeHead={person.relation !== "head"} />
      </Form>
    </Modal>
  );
}
