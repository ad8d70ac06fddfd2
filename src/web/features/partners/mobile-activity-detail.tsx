import { Button, Dialog, ErrorBlock, Image, ImageViewer, List, NoticeBar, Skeleton, Space, Tag, Toast } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import "./partners.css";
import { formatSpan } from "./activity-labels";
import { MySignupTag } from "./mobile-activity-card";
import type { ActivityDetail } from "./types";
import { useActivity, useCancelSignup, useSignUp } from "./use-activities";

function SignupBar({ a }: { a: ActivityDetail }) {
  const { t } = useTranslation();
  const signUp = useSignUp(a.id);
  const cancel = useCancelSignup(a.id);
  const mine = a.mySignup && a.mySignup.status !== "cancelled" ? a.mySignup : null;
  if (mine?.checkedIn) return null;
  if (mine) {
    const confirmCancel = async () => {
      const ok = await Dialog.confirm({ content: t("partners.mobile.activities.cancelConfirm"), confirmText: t("partners.mobile.activities.cancel"), cancelText: t("partners.common.back") });
      if (ok) cancel.mutate(undefined, { onSuccess: () => Toast.show({ content: t("partners.mobile.activities.cancelled") }), onError: (e) => Toast.show({ icon: "fail", content: errorMessage(e, t) }) });
    };
    return (
      <div className="pt-m-actions">
        <Button block fill="outline" onClick={confirmCancel} loading={cancel.isPending} data-testid="activity-cancel">
          {t("partners.mobile.activities.cancel")}
        </Button>
      </div>
    );
  }
  if (a.status !== "open") return <NoticeBar content={t("partners.mobile.activities.notOpen")} color="info" />;
  const full = a.confirmed >= a.capacity;
  return (
    <div className="pt-m-actions">
      <Button
        block
        color="primary"
        size="large"
        loading={signUp.isPending}
        data-testid="activity-signup"
        onClick={() =>
          signUp.mutate(undefined, {
            onSuccess: (r) =>
              Toast.show({
                icon: r.status === "confirmed" ? "success" : undefined,
                content: r.already ? t("partners.mobile.activities.already") : r.status === "confirmed" ? t("partners.mobile.activities.signedUp") : t("partners.mobile.activities.waitlisted", { position: r.position ?? "" }),
              }),
            onError: (e) => Toast.show({ icon: "fail", content: errorMessage(e, t) }),
          })
        }
      >
        {full ? t("partners.mobile.activities.waitlist") : t("partners.mobile.activities.signup")}
      </Button>
    </div>
  );
}

/** An activity on the phone: what, when, where, places, my sign-up, sign up or cancel. */
export function MobileActivityDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const activity = useActivity(id);
  if (activity.isPending) return <Skeleton.Paragraph lineCount={8} animated className="m-pad" />;
  if (activity.isError) return <ErrorBlock status="default" title={errorMessage(activity.error, t)} description="" />;
  const a = activity.data;
  const mine = a.mySignup && a.mySignup.status !== "cancelled" ? a.mySignup : null;
  return (
    <div data-testid="activity-detail">
      <div className="pt-m-head">
        <div className="pt-m-head-title">{a.title}</div>
        <div className="pt-m-head-sub">{t(`partners.activityKind.${a.kind}`)} · {a.community.name}</div>
      </div>
      <List className="m-list">
        <List.Item extra={formatSpan(a.startsAt, a.endsAt)}>{t("partners.activities.time")}</List.Item>
        <List.Item extra={a.place}>{t("partners.activities.place")}</List.Item>
        <List.Item
          extra={
            <span data-testid="activity-places">
              {`${a.confirmed}/${a.capacity}`}
              {a.waitlisted > 0 && ` · ${t("partners.activities.waitlisted", { count: a.waitlisted })}`}
            </span>
          }
        >
          {t("partners.activities.capacity")}
        </List.Item>
        <List.Item extra={t("partners.mobile.activities.reward", { hours: a.hours, points: a.points })}>{t("partners.common.points")}</List.Item>
        {a.team && <List.Item extra={a.team.name}>{t("partners.activities.team")}</List.Item>}
        {a.units.length > 0 && <List.Item extra={a.units.map((u) => u.name).join("、")}>{t("partners.activities.units")}</List.Item>}
        {mine && (
          <List.Item extra={<span data-testid="my-signup">{<MySignupTag a={a} />}</span>}>{t("partners.mobile.activities.myStatus")}</List.Item>
        )}
      </List>
      {a.description && <div className="pt-m-block" style={{ margin: 12 }}>{a.description}</div>}
      {a.photos.length > 0 && (
        <div className="pt-m-block" style={{ margin: 12 }}>
          <div className="pt-m-block-title">{t("partners.activity.photos")}</div>
          <Space wrap>
            {a.photos.map((p, i) => (
              <Image key={p.id} src={p.thumbUrl} width={96} height={72} fit="cover" style={{ borderRadius: 4 }} onClick={() => ImageViewer.Multi.show({ images: a.photos.map((x) => x.url), defaultIndex: i })} />
            ))}
          </Space>
        </div>
      )}
      {a.booths.length > 0 && (
        <List header={t("partners.activity.booths")} className="m-list">
          {a.booths.map((b) => (
            <List.Item key={b.id} extra={b.unit?.name ?? b.team?.name}>
              {b.name}
            </List.Item>
          ))}
        </List>
      )}
      {mine && !mine.checkedIn && mine.status === "confirmed" && (
        <div className="m-pad">
          <Tag color="primary" fill="outline">
            {t("partners.mobile.activities.scanHint")}
          </Tag>
        </div>
      )}
      <SignupBar a={a} />
    </div>
  );
}
