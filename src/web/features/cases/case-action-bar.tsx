import { useState } from "react";
import { App, Button, Space } from "antd";
import { useTranslation } from "react-i18next";
import { actionLabelKey, orderActions, specOf, type ActionSpec } from "./action-spec";
import { caseErrorMessage, isConflict } from "./case-error";
import { CaseActionModal } from "./case-action-modal";
import { useActOnCase, type TransitionInput } from "./use-act-on-case";
import type { CaseAction, CaseDetail } from "./types";

/** One button per action the server allows the caller now; each opens its form, or acts at once when it needs none. */
export function CaseActionBar({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const act = useActOnCase(c);
  const [open, setOpen] = useState<ActionSpec | null>(null);

  const send = (action: CaseAction, input: Omit<TransitionInput, "action"> = {}) =>
    act.mutateAsync({ action, ...input }).then(
      () => {
        message.success(t("cases.actionDone", { action: t(actionLabelKey(action, c)) }));
        setOpen(null);
      },
      (err) => {
        message.error(caseErrorMessage(err, t));
        // A conflict means the case moved on: the form no longer applies, the page reloads it.
        if (isConflict(err)) setOpen(null);
        throw err;
      },
    );

  const press = (action: CaseAction) => {
    const spec = specOf(action, c);
    if (spec.immediate) return void send(action).catch(() => undefined);
    if (spec.confirm) {
      modal.confirm({
        title: t("cases.confirmAction", { action: t(actionLabelKey(action, c)) }),
        okText: t("common.confirm"),
        cancelText: t("common.cancel"),
        onOk: () => send(action).catch(() => undefined),
      });
      return;
    }
    setOpen(spec);
  };

  const actions = orderActions(c.actions);
  if (actions.length === 0) return null;
  return (
    <>
      <Space wrap className="ll-case-actions" data-testid="case-actions">
        {actions.map((action, i) => {
          const tone = specOf(action, c).tone;
          return (
            <Button
              key={action}
              type={i === 0 && tone !== "danger" ? "primary" : "default"}
              danger={tone === "danger"}
              loading={act.isPending && act.variables?.action === action}
              onClick={() => press(action)}
              data-testid={`action-${action}`}
            >
              {t(actionLabelKey(action, c))}
            </Button>
          );
        })}
      </Space>
      {open && <CaseActionModal c={c} spec={open} onCancel={() => setOpen(null)} onSubmit={(input) => send(open.action, input)} />}
    </>
  );
}
