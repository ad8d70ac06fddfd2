import { useState, type ReactNode } from "react";
import { Button, Form, Input, NoticeBar, Tabs, Toast } from "antd-mobile";
import { useTranslation } from "react-i18next";
import type { SessionUser } from "../../../contracts/auth";
import { usePublicConfig } from "../../api/use-public-config";
import { errorMessage } from "../../lib/error-message";
import { useCountdown } from "./use-countdown";
import { useLogin } from "./use-login";
import { useRequestOtp, useVerifyOtp } from "./use-otp";

const PHONE_RE = /^1[3-9]\d{9}$/;
/** Demo accounts worth offering on a phone: the front-line roles. */
const PHONE_ROLES = new Set(["grid_worker", "community_staff", "community_secretary", "branch_secretary", "volunteer"]);

interface Props {
  onSignedIn: (user: SessionUser) => void;
  corner?: ReactNode;
}

/** Phone sign-in: one-time SMS code first (residents and riders), password second (staff). */
export function MobileLoginPage({ onSignedIn, corner }: Props) {
  const { t } = useTranslation();
  const [tab, setTab] = useState("otp");
  return (
    <div className="m-login">
      <div className="m-login-head">
        <div className="m-login-corner">{corner}</div>
        <span className="m-logo-mark">{t("app.mark")}</span>
        <h1>{t("app.mobile")}</h1>
        <p>{t("app.slogan")}</p>
      </div>
      <div className="m-login-body">
        <Tabs activeKey={tab} onChange={setTab} className="m-login-tabs">
          <Tabs.Tab title={t("auth.otpTab")} key="otp">
            <OtpForm onSignedIn={onSignedIn} />
          </Tabs.Tab>
          <Tabs.Tab title={t("auth.passwordTab")} key="password">
            <PasswordForm onSignedIn={onSignedIn} />
          </Tabs.Tab>
        </Tabs>
      </div>
    </div>
  );
}

function PasswordForm({ onSignedIn }: { onSignedIn: (user: SessionUser) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const login = useLogin();
  const config = usePublicConfig();
  const demo = config.data?.demoMode ? config.data.demoAccounts.filter((a) => a.username && PHONE_ROLES.has(a.role)) : [];

  return (
    <>
      <Form
        form={form}
        requiredMarkStyle="none"
        onFinish={(values) =>
          login.mutate(values, {
            onSuccess: ({ user }) => onSignedIn(user),
            onError: (err) => Toast.show({ icon: "fail", content: errorMessage(err, t) }),
          })
        }
        footer={
          <Button block type="submit" color="primary" size="large" loading={login.isPending} data-testid="login-submit">
            {t("auth.submit")}
          </Button>
        }
      >
        <Form.Item name="username" label={t("auth.username")} rules={[{ required: true, message: t("auth.usernameRequired") }]}>
          <Input placeholder={t("auth.usernameRequired")} clearable autoComplete="username" data-testid="username" />
        </Form.Item>
        <Form.Item name="password" label={t("auth.password")} rules={[{ required: true, message: t("auth.passwordRequired") }]}>
          <Input type="password" placeholder={t("auth.passwordRequired")} clearable autoComplete="current-password" data-testid="password" />
        </Form.Item>
      </Form>
      {demo.length > 0 && (
        <DemoChips
          title={t("auth.demoAccounts")}
          hint={t("auth.demoAccountsHint")}
          items={demo.map((a) => ({ value: a.username!, label: `${a.username} · ${t(`roles.${a.role}`, { defaultValue: a.role })}` }))}
          onPick={(username) => form.setFieldsValue({ username })}
        />
      )}
    </>
  );
}

function OtpForm({ onSignedIn }: { onSignedIn: (user: SessionUser) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ phone: string; code: string }>();
  const [demoCode, setDemoCode] = useState<string>();
  const countdown = useCountdown();
  const request = useRequestOtp();
  const verify = useVerifyOtp();
  const config = usePublicConfig();
  const demoPhones = config.data?.demoMode ? config.data.demoAccounts.filter((a) => a.phone) : [];

  const sendCode = () => {
    const phone = String(form.getFieldValue("phone") ?? "").trim();
    if (!PHONE_RE.test(phone)) {
      Toast.show({ content: t("auth.phoneInvalid") });
      return;
    }
    request.mutate(phone, {
      onSuccess: (reply) => {
        countdown.start(60);
        if (reply.demoCode) {
          setDemoCode(reply.demoCode);
          form.setFieldsValue({ code: reply.demoCode });
        } else {
          Toast.show({ icon: "success", content: t("auth.codeSent") });
        }
      },
      onError: (err) => Toast.show({ icon: "fail", content: errorMessage(err, t) }),
    });
  };

  return (
    <>
      {demoCode && (
        <NoticeBar className="m-demo-code" color="alert" wrap content={t("auth.demoCode", { code: demoCode })} data-testid="demo-code" />
      )}
      <Form
        form={form}
        requiredMarkStyle="none"
        onFinish={(values) =>
          verify.mutate(
            { phone: values.phone.trim(), code: values.code.trim() },
            {
              onSuccess: ({ user }) => onSignedIn(user),
              onError: (err) => Toast.show({ icon: "fail", content: errorMessage(err, t) }),
            },
          )
        }
        footer={
          <Button block type="submit" color="primary" size="large" loading={verify.isPending} data-testid="otp-submit">
            {t("auth.submit")}
          </Button>
        }
      >
        <Form.Item
          name="phone"
          label={t("auth.phone")}
          rules={[
            { required: true, message: t("auth.phoneRequired") },
            { pattern: PHONE_RE, message: t("auth.phoneInvalid") },
          ]}
          extra={
            <Button size="small" color="primary" fill="none" disabled={countdown.left > 0} loading={request.isPending} onClick={sendCode} data-testid="get-code">
              {countdown.left > 0 ? t("auth.resendIn", { seconds: countdown.left }) : t("auth.getCode")}
            </Button>
          }
        >
          <Input type="tel" inputMode="tel" maxLength={11} placeholder={t("auth.phoneRequired")} clearable autoComplete="tel-national" data-testid="phone" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t("auth.code")}
          rules={[
            { required: true, message: t("auth.codeRequired") },
            { pattern: /^\d{6}$/, message: t("auth.codeInvalid") },
          ]}
        >
          <Input
            type="text"
            inputMode="numeric"
            pattern="[0-9]*"
            maxLength={6}
            placeholder={t("auth.codeRequired")}
            clearable
            autoComplete="one-time-code"
            data-testid="code"
          />
        </Form.Item>
      </Form>
      {demoPhones.length > 0 && (
        <DemoChips
          title={t("auth.demoPhones")}
          hint={t("auth.demoPhonesHint")}
          items={demoPhones.map((a) => ({ value: a.phone!, label: `${a.phone} · ${t(`roles.${a.role}`, { defaultValue: a.role })}` }))}
          onPick={(phone) => form.setFieldsValue({ phone })}
        />
      )}
    </>
  );
}

function DemoChips({ title, hint, items, onPick }: { title: string; hint: string; items: Array<{ value: string; label: string }>; onPick: (value: string) => void }) {
  return (
    <div className="m-demo">
      <div className="m-demo-title">{title}</div>
      <div className="m-demo-hint">{hint}</div>
      <div className="m-demo-chips">
        {items.map((item) => (
          <button type="button" key={item.value} className="m-chip" onClick={() => onPick(item.value)}>
            {item.label}
          </button>
        ))}
      </div>
    </div>
  );
}
