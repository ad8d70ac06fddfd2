import { App, Button, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { useChangePassword } from "./use-change-password";

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Current password, new password twice. */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();

  const submit = (values: Values) =>
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t("account.passwordChanged"));
        },
        onError: (err) => void message.error(errorMessage(err, t)),
      },
    );

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} className="ll-password-form" requiredMark={false}>
      <Form.Item name="currentPassword" label={t("account.currentPassword")} rules={[{ required: true, message: t("auth.passwordRequired") }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t("account.newPassword")}
        extra={t("account.newPasswordRule")}
        rules={[{ required: true, min: 8, max: 128, message: t("account.newPasswordRule") }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t("account.confirmPassword")}
        dependencies={["newPassword"]}
        rules={[
          { required: true, message: t("account.newPasswordRule") },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue("newPassword") === value ? Promise.resolve() : Promise.reject(new Error(t("account.passwordMismatch"))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t("account.changePassword")}
      </Button>
    </Form>
  );
}
