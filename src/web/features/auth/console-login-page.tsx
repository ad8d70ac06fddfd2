import type { ReactNode } from "react";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { SessionUser } from "../../../contracts/auth";
import { usePublicConfig } from "../../api/use-public-config";
import { errorMessage } from "../../lib/error-message";
import { DemoAccountTable } from "./demo-account-table";
import { useLogin } from "./use-login";

interface Values {
  username: string;
  password: string;
}

interface Props {
  onSignedIn: (user: SessionUser) => void;
  /** Shown in the top right corner (the language switch of the shell). */
  corner?: ReactNode;
}

/** The staff sign-in page: brand panel, user name + password, demo accounts in demo mode. */
export function ConsoleLoginPage({ onSignedIn, corner }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const login = useLogin();
  const config = usePublicConfig();

  const submit = (values: Values) => login.mutate(values, { onSuccess: ({ user }) => onSignedIn(user) });

  return (
    <div className="ll-login">
      <aside className="ll-login-brand">
        <div className="ll-login-logo">
          <span className="ll-logo-mark">{t("app.mark")}</span>
          <span className="ll-logo-text">{t("app.name")}</span>
        </div>
        <h1 className="ll-login-slogan">{t("app.slogan")}</h1>
        <ul className="ll-login-features">
          <li>{t("auth.features.grid")}</li>
          <li>{t("auth.features.people")}</li>
          <li>{t("auth.features.party")}</li>
        </ul>
        <div className="ll-login-foot">{t("app.copyright", { version: config.data?.version ?? "" })}</div>
      </aside>
      <main className="ll-login-main">
        <div className="ll-login-corner">{corner}</div>
        <Card className="ll-login-card" variant="borderless">
          <Typography.Title level={3} className="ll-login-title">
            {t("auth.title")}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t("app.console")}</Typography.Paragraph>
          {login.isError && <Alert type="error" showIcon title={errorMessage(login.error, t)} className="ll-gap" data-testid="login-error" />}
          <Form<Values> form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false}>
            <Form.Item name="username" label={t("auth.username")} rules={[{ required: true, message: t("auth.usernameRequired") }]}>
              <Input autoComplete="username" autoFocus data-testid="username" />
            </Form.Item>
            <Form.Item name="password" label={t("auth.password")} rules={[{ required: true, message: t("auth.passwordRequired") }]}>
              <Input.Password autoComplete="current-password" data-testid="password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
              {t("auth.submit")}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" className="ll-login-mobile">
            {t("auth.mobileHint")} <a href="/m/">{t("auth.openMobile")}</a>
          </Typography.Paragraph>
        </Card>
        {config.data?.demoMode && (
          <DemoAccountTable
            accounts={config.data.demoAccounts}
            onPick={(username) => {
              form.setFieldsValue({ username, password: "" });
              document.querySelector<HTMLInputElement>("[data-testid=password]")?.focus();
            }}
          />
        )}
      </main>
    </div>
  );
}
