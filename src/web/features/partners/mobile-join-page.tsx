import { useState } from "react";
import { Button, ErrorBlock, Form, Input, Selector, Skeleton, TextArea, Toast } from "antd-mobile";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { Icon } from "../../lib/icons";
import "./partners.css";
import { useApply, usePublicCall } from "./use-talent";

type Values = { name: string; phone: string; category: string[] | string; skills?: string; intro?: string };

/**
 * The public sign-up page of a recruitment call (招募令), reached from its QR code without an account.
 * The answer is the same whatever the phone, so nothing tells whether someone applied before.
 */
export function MobileJoinPage({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const call = usePublicCall(slug);
  const apply = useApply(slug);
  const [done, setDone] = useState(false);
  const [form] = Form.useForm<Values>();

  if (call.isPending) return <Skeleton.Paragraph lineCount={8} animated className="m-pad" />;
  if (call.isError) return <ErrorBlock status="empty" fullPage title={t("partners.mobile.join.notFound")} description="" />;
  const c = call.data;

  if (done) {
    return (
      <div className="pt-m-result" data-testid="join-done">
        <Icon name="heart" size={48} />
        <div className="pt-m-result-title">{t("partners.mobile.join.done")}</div>
        <div className="pt-m-result-desc">{t("partners.mobile.join.doneHint")}</div>
        <div className="pt-m-actions">
          <Button color="primary" fill="outline" block onClick={() => navigate("/login")}>
            {t("partners.mobile.join.signIn")}
          </Button>
        </div>
      </div>
    );
  }

  const submit = (v: Values) => {
    const category = Array.isArray(v.category) ? v.category[0] : v.category;
    const skills = (v.skills ?? "")
      .split(/[,，、\s]+/)
      .map((s) => s.trim())
      .filter(Boolean)
      .slice(0, 20);
    apply.mutate(
      { name: v.name.trim(), phone: v.phone.trim(), category: category.trim(), skills, intro: v.intro?.trim() || undefined },
      { onSuccess: () => setDone(true), onError: (e) => Toast.show({ icon: "fail", content: errorMessage(e, t) }) },
    );
  };

  return (
    <div className="pt-join" data-testid="join-page">
      <div className="pt-m-head">
        <div className="pt-m-head-title" data-testid="join-title">
          {c.title}
        </div>
        <div className="pt-m-head-sub">{t("partners.mobile.join.community", { name: c.communityName })}</div>
        <div className="pt-m-head-sub">{t("partners.mobile.join.period", { from: c.opensOn, to: c.closesOn })}</div>
      </div>
      <div className="pt-m-body">
        <div className="pt-m-block">{c.body}</div>
        {!c.open ? (
          <ErrorBlock status="default" title={t("partners.mobile.join.closed")} description="" />
        ) : (
          <Form
            form={form}
            className="m-form pt-m-block"
            layout="vertical"
            onFinish={submit}
            footer={
              <Button block type="submit" color="primary" size="large" loading={apply.isPending} data-testid="join-submit">
                {t("partners.mobile.join.submit")}
              </Button>
            }
          >
            <Form.Item name="name" label={t("partners.mobile.join.name")} rules={[{ required: true, whitespace: true, message: t("partners.mobile.join.required") }]}>
              <Input placeholder={t("partners.mobile.join.namePlaceholder")} maxLength={40} data-testid="join-name" />
            </Form.Item>
            <Form.Item
              name="phone"
              label={t("partners.mobile.join.phone")}
              rules={[
                { required: true, message: t("partners.mobile.join.required") },
                { pattern: /^1[3-9]\d{9}$/, message: t("partners.mobile.join.phoneInvalid") },
              ]}
            >
              <Input type="tel" placeholder={t("partners.mobile.join.phonePlaceholder")} maxLength={11} data-testid="join-phone" />
            </Form.Item>
            <Form.Item name="category" label={t("partners.mobile.join.category")} rules={[{ required: true, message: t("partners.mobile.join.required") }]}>
              {c.categories.length > 0 ? (
                <Selector columns={3} options={c.categories.map((x) => ({ label: x, value: x }))} data-testid="join-category" />
              ) : (
                <Input placeholder={t("partners.mobile.join.categoryPlaceholder")} maxLength={30} data-testid="join-category-input" />
              )}
            </Form.Item>
            <Form.Item name="skills" label={t("partners.mobile.join.skills")}>
              <Input placeholder={t("partners.mobile.join.skillsPlaceholder")} maxLength={200} data-testid="join-skills" />
            </Form.Item>
            <Form.Item name="intro" label={t("partners.mobile.join.intro")}>
              <TextArea rows={3} maxLength={1000} data-testid="join-intro" />
            </Form.Item>
          </Form>
        )}
      </div>
    </div>
  );
}
