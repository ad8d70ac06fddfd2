import { App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Typography } from "antd";
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import "./partners.css";
import { errorMessage } from "../../lib/error-message";
import { RESOURCE_KINDS, type AgreementInput, type ResourceKind } from "./types";
import { useCaseCategories, useCreateAgreement } from "./use-units";
import { okButton } from "./ok-button";

type ItemValues = { resourceKind?: ResourceKind; description: string; quantity?: number; unit?: string; categories?: string[] };
type Values = { period: [Dayjs, Dayjs]; signedOn?: Dayjs; signatories: string[]; partTimeMember?: string; offers?: ItemValues[]; needs?: ItemValues[]; projects?: ItemValues[] };

const day = (d: Dayjs) => d.format("YYYY-MM-DD");

/** One of the three lists of an agreement: resources offered, needs, joint projects. */
function ItemList({ name, label, withKind }: { name: "offers" | "needs" | "projects"; label: string; withKind: boolean }) {
  const { t, i18n } = useTranslation();
  const categories = useCaseCategories();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div className="pt-item-list" data-testid={`agreement-${name}`}>
          <Typography.Text strong>{label}</Typography.Text>
          {fields.map((field) => (
            <Row key={field.key} gutter={8} align="top" className="pt-item-row">
              {withKind && (
                <Col span={4}>
                  <Form.Item name={[field.name, "resourceKind"]}>
                    <Select placeholder={t("partners.agreement.itemKind")} allowClear options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`partners.resourceKind.${k}`) }))} />
                  </Form.Item>
                </Col>
              )}
              <Col span={withKind ? 8 : 14}>
                <Form.Item name={[field.name, "description"]} rules={[{ required: true, whitespace: true, max: 500 }]}>
                  <Input placeholder={t("partners.agreement.itemDescription")} data-testid={`${name}-description`} />
                </Form.Item>
              </Col>
              <Col span={3}>
                <Form.Item name={[field.name, "quantity"]}>
                  <InputNumber min={0} placeholder={t("partners.common.quantity")} style={{ width: "100%" }} />
                </Form.Item>
              </Col>
              <Col span={3}>
                <Form.Item name={[field.name, "unit"]} rules={[{ max: 20 }]}>
                  <Input placeholder={t("partners.common.unitOfMeasure")} />
                </Form.Item>
              </Col>
              {withKind && (
                <Col span={5}>
                  <Form.Item name={[field.name, "categories"]}>
                    <Select
                      mode="multiple"
                      maxTagCount={1}
                      placeholder={t("partners.agreement.itemCategories")}
                      options={(categories.data ?? []).map((c) => ({ value: c.code, label: i18n.language === "en" ? c.nameEn : c.name }))}
                    />
                  </Form.Item>
                </Col>
              )}
              <Col span={1}>
                <MinusCircleOutlined className="pt-remove" onClick={() => remove(field.name)} />
              </Col>
            </Row>
          ))}
          <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({})} data-testid={`add-${name}`}>
            {t("partners.agreement.addItem")}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

/** Signs a co-building agreement: period, signatories, part-time member and the three lists. */
export function AgreementModal({ unitId, open, onClose }: { unitId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateAgreement(unitId);
  const clean = (items: ItemValues[] | undefined) =>
    (items ?? []).map((i) => ({ ...i, unit: i.unit || undefined, quantity: i.quantity ?? undefined, categories: i.categories ?? [] }));
  const submit = async () => {
    const v = await form.validateFields();
    const body: AgreementInput = {
      startsOn: day(v.period[0]),
      endsOn: day(v.period[1]),
      signedOn: v.signedOn ? day(v.signedOn) : undefined,
      signatories: v.signatories,
      partTimeMember: v.partTimeMember || undefined,
      offers: clean(v.offers),
      needs: clean(v.needs),
      projects: clean(v.projects),
    };
    create.mutate(body, {
      onSuccess: () => {
        message.success(t("partners.agreement.created"));
        form.resetFields();
        onClose();
      },
      onError: (e) => message.error(errorMessage(e, t)),
    });
  };
  return (
    <Modal
      open={open}
      width={900}
      title={t("partners.agreement.title")}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={create.isPending}
      okButtonProps={okButton("agreement-submit")}
      destroyOnHidden
      data-testid="agreement-modal"
    >
      <Form form={form} layout="vertical" initialValues={{ offers: [{}], needs: [], projects: [] }}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="period" label={`${t("partners.agreement.startsOn")} – ${t("partners.agreement.endsOn")}`} rules={[{ required: true }]}>
              <DatePicker.RangePicker style={{ width: "100%" }} data-testid="agreement-period" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="signedOn" label={t("partners.agreement.signedOn")}>
              <DatePicker style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="signatories" label={t("partners.agreement.signatories")} extra={t("partners.agreement.signatoriesHint")} rules={[{ required: true, type: "array", min: 1 }]}>
              <Select mode="tags" open={false} suffixIcon={null} data-testid="agreement-signatories" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="partTimeMember" label={t("partners.agreement.partTimeMember")} rules={[{ max: 40 }]}>
              <Input data-testid="agreement-member" />
            </Form.Item>
          </Col>
        </Row>
        <ItemList name="offers" label={t("partners.agreement.offers")} withKind />
        <ItemList name="needs" label={t("partners.agreement.needs")} withKind />
        <ItemList name="projects" label={t("partners.agreement.projects")} withKind={false} />
      </Form>
    </Modal>
  );
}
