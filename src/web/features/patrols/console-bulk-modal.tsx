import { useEffect } from "react";
import { useQuery } from "@tanstack/react-query";
import { App, Form, Modal, Select, Radio } from "antd";
import { useTranslation } from "react-i18next";
import { apiGet } from "../../api/client";
import { useAreaTree } from "../../api/use-area-tree";
import { errorMessage } from "../../lib/error-message";
import { areaOptions, frequencyOptions, kindOptions } from "./kind-options";
import { useAssignees, useBulkAssign, useTemplates } from "./use-patrol-admin";
import type { BulkPlansBody } from "./types";

const PLACE_KINDS = ["enterprise", "shop", "public_unit", "commercial_centre", "rider_station", "billboard", "river_stretch"] as const;

type TagDef = { code: string; name: string; nameEn: string | null; kind: string; visitFrequency: string | null };

interface Values {
  by: "tag" | "place_kind";
  tagCode?: string;
  placeKind?: (typeof PLACE_KINDS)[number];
  targetKind?: string;
  areaId: string;
  templateFamilyId?: string;
  frequency?: string;
  assigneeId?: string;
}

/**
 * 批量分配: puts everyone with a care tag, or every place of a kind, of a grid (or the whole
 * community) on the list at once; the frequency comes from the tags unless chosen, the assignee
 * from each target's grid unless chosen. Targets already on the list are skipped.
 */
export function ConsoleBulkModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const by = Form.useWatch("by", form);
  const areaId = Form.useWatch("areaId", form);
  const tree = useAreaTree();
  const templates = useTemplates();
  const tags = useQuery({ queryKey: ["registry", "tags"], queryFn: ({ signal }) => apiGet<{ items: TagDef[] }>("/registry/tags", undefined, signal), select: (r) => r.items, enabled: open });
  const assignees = useAssignees(areaId, open && !!areaId);
  const bulk = useBulkAssign();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const common = { areaId: v.areaId, templateFamilyId: v.templateFamilyId, frequency: v.frequency, assigneeId: v.assigneeId } as const;
    const body = (v.by === "tag" ? { by: "tag", tagCode: v.tagCode!, ...common } : { by: "place_kind", placeKind: v.placeKind!, targetKind: v.targetKind, ...common }) as BulkPlansBody;
    try {
      const r = await bulk.mutateAsync(body);
      message.success(t("patrols.bulk.done", { created: r.created, skipped: r.skipped }));
      onClose();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  return (
    <Modal open={open} title={t("patrols.bulk.title")} onCancel={onClose} onOk={() => void submit()} confirmLoading={bulk.isPending} okText={t("patrols.bulk.ok")} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ by: "tag" }} data-testid="bulk-form">
        <Form.Item name="by" label={t("patrols.bulk.by")}>
          <Radio.Group
            options={[
              { value: "tag", label: t("patrols.bulk.byTag") },
              { value: "place_kind", label: t("patrols.bulk.byPlace") },
            ]}
          />
        </Form.Item>
        <Form.Item name="areaId" label={t("patrols.console.area")} rules={[{ required: true, message: t("patrols.bulk.areaRequired") }]}>
          <Select options={areaOptions(tree.data ?? [])} data-testid="bulk-area" />
        </Form.Item>
        {by === "place_kind" ? (
          <>
            <Form.Item name="placeKind" label={t("patrols.bulk.placeKind")} rules={[{ required: true, message: t("patrols.bulk.placeKindRequired") }]}>
              <Select options={PLACE_KINDS.map((k) => ({ value: k, label: t(`patrols.placeKind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="targetKind" label={t("patrols.bulk.targetKind")}>
              <Select allowClear options={kindOptions(t)} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="tagCode" label={t("patrols.bulk.tag")} rules={[{ required: true, message: t("patrols.bulk.tagRequired") }]}>
            <Select
              showSearch={{ optionFilterProp: "label" }}
              options={(tags.data ?? []).map((d) => ({ value: d.code, label: i18n.language === "en" && d.nameEn ? d.nameEn : d.name }))}
              data-testid="bulk-tag"
            />
          </Form.Item>
        )}
        <Form.Item name="templateFamilyId" label={t("patrols.bulk.template")} extra={t("patrols.bulk.templateHint")}>
          <Select allowClear options={(templates.data ?? []).map((tp) => ({ value: tp.familyId, label: `${tp.name}（${t(`patrols.kind.${tp.targetKind}`)}）` }))} />
        </Form.Item>
        <Form.Item name="frequency" label={t("patrols.bulk.frequency")} extra={t("patrols.bulk.frequencyHint")}>
          <Select allowClear options={frequencyOptions(t)} />
        </Form.Item>
        <Form.Item name="assigneeId" label={t("patrols.bulk.assignee")} extra={t("patrols.bulk.assigneeHint")}>
          <Select allowClear disabled={!areaId} options={(assignees.data ?? []).map((a) => ({ value: a.id, label: `${a.name}（${a.area.name}）` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
