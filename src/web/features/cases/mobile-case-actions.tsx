import { useState } from "react";
import { ActionSheet, Button, Dialog, Toast } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { actionLabelKey, orderActions, specOf, type ActionSpec } from "./action-spec";
import { caseErrorMessage } from "./case-error";
import { remindErrorText } from "./remind-error";
import { formatShortDateTime } from "../../lib/format";
import { MobileActionPopup } from "./mobile-action-popup";
import { useActOnCase, type TransitionInput } from "./use-act-on-case";
import type { CaseAction, CaseDetail } from "./types";

const COLOURS = { primary: "primary", default: "default", danger: "danger" } as const;

/**
 * The big buttons of a case, exactly the actions the server lists for the caller now. An action
 * without fields acts at once (one tap); the others open a short form.
 */
export function MobileCaseActions({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const act = useActOnCase(c);
  const [open, setOpen] = useState<ActionSpec | null>(null);
  const [more, setMore] = useState(false);
  const actions = orderActions(c.actions);
  if (actions.length === 0) return null;

  const send = (action: CaseAction, input: Omit<TransitionInput, "action"> = {}) =>
    act.mutateAsync({ action, ...input }).then(
      () => {
        Toast.show({ icon: "success", content: t("cases.actionDone", { action: t(actionLabelKey(action, c)) }) });
        setOpen(null);
      },
      (err) => {
        Toast.show({ icon: "fail", content: action === "remind" ? remindErrorText(err, t) : caseErrorMessage(err, t), duration: 4000 });
        throw err;
      },
    );

  const press = async (action: CaseAction) => {
    const spec = specOf(action, c);
    if (spec.immediate) return send(action).catch(() => undefined);
    if (spec.confirm) {
      const ok = await Dialog.confirm({
        content: t("cases.confirmAction", { action: t(actionLabelKey(action, c)) }),
        confirmText: t("common.confirm"),
        cancelText: t("common.cancel"),
      });
      if (ok) await send(action).catch(() => undefined);
      return;
    }
    setOpen(spec);
  };

  // The big button is the next step, never a closing one (撤回 stays a secondary way with a confirmation).
  const lead = actions.find((a) => specOf(a, c).tone !== "danger") ?? actions[0];
  const [first, ...rest] = [lead, ...actions.filter((a) => a !== lead)];
  // A thumb's row holds three buttons; further ways go under 更多.
  const shown = rest.length > 3 ? rest.slice(0, 2) : rest;
  const hidden = rest.length > 3 ? rest.slice(2) : [];
  return (
    <>
      <div className="m-action-spacer" />
      <div className="m-action-bar" data-testid="case-actions">
        {c.remindAllowedAt && c.actions.includes("remind") && (
          <div className="m-remind-next" data-testid="remind-next">
            {t("cases.remindState.urgedToday", { time: formatShortDateTime(c.remindAllowedAt) })}
          </div>
        )}
        {rest.length > 0 && (
          <div className="m-action-row">
            {shown.map((action) => (
              <Button
                key={action}
                size="middle"
                fill="outline"
                color={COLOURS[specOf(action, c).tone]}
                loading={act.isPending && act.variables?.action === action}
                onClick={() => void press(action)}
                data-testid={`action-${action}`}
              >
                {t(actionLabelKey(action, c))}
              </Button>
            ))}
            {hidden.length > 0 && (
              <Button size="middle" fill="outline" onClick={() => setMore(true)} data-testid="action-more">
                {t("cases.moreActions")}
              </Button>
            )}
          </div>
        )}
        <Button
          block
          size="large"
          fill={specOf(first, c).tone === "danger" ? "outline" : "solid"}
          color={specOf(first, c).tone === "danger" ? "danger" : "primary"}
          loading={act.isPending && act.variables?.action === first}
          onClick={() => void press(first)}
          data-testid={`action-${first}`}
        >
          {t(actionLabelKey(first, c))}
        </Button>
      </div>
      <ActionSheet
        visible={more}
        onClose={() => setMore(false)}
        cancelText={t("common.cancel")}
        actions={hidden.map((action) => ({
          key: action,
          text: t(actionLabelKey(action, c)),
          danger: specOf(action, c).tone === "danger",
          onClick: () => {
            setMore(false);
            void press(action);
          },
        }))}
      />
      <MobileActionPopup c={c} spec={open} onClose={() => setOpen(null)} onSubmit={(input) => send(open!.action, input)} pending={act.isPending} />
    </>
  );
}
