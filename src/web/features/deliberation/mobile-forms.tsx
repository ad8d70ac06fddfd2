import { useState } from "react";
import { Button, Checkbox, Form, Input, Radio, Rate, Space, TextArea, Toast } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import type { AnswerValue, Question } from "./types";
import { useDelibWrite } from "./use-deliberation";

/** A resident proposes a topic; neighbours can then support it. */
export function MobileProposeForm({ onDone }: { onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [affected, setAffected] = useState("");
  const [touched, setTouched] = useState(false);
  const write = useDelibWrite();
  const submit = () => {
    setTouched(true);
    if (!title.trim() || !description.trim()) return;
    write.mutate(
      {
        path: "/topics/proposals",
        body: {
          title: title.trim(),
          description: description.trim(),
          affected: affected
            .split(/[,，、;；\s]+/)
            .map((a) => a.trim())
            .filter(Boolean)
            .slice(0, 10),
        },
      },
      {
        onSuccess: (r) => {
          Toast.show({ icon: "success", content: t("deliberation.mobile.proposeDone") });
          onDone(r.id);
        },
        onError: (e) => Toast.show({ icon: "fail", content: errorMessage(e, t) }),
      },
    );
  };
  return (
    <>
      <div className="m-pad m-muted">{t("deliberation.mobile.proposeHint")}</div>
      <Form layout="vertical" className="m-form" data-testid="propose-form">
        <Form.Item label={t("deliberation.mobile.proposeTitleLabel")} required className={touched && !title.trim() ? "m-form-missing" : undefined}>
          <Input value={title} onChange={setTitle} maxLength={100} placeholder={t("deliberation.mobile.proposeTitlePlaceholder")} data-testid="propose-title" />
        </Form.Item>
        <Form.Item label={t("deliberation.mobile.proposeDescription")} required className={touched && !description.trim() ? "m-form-missing" : undefined}>
          <TextArea
            value={description}
            onChange={setDescription}
            autoSize={{ minRows: 4, maxRows: 10 }}
            maxLength={2000}
            showCount
            placeholder={t("deliberation.mobile.proposeDescriptionPlaceholder")}
            data-testid="propose-description"
          />
        </Form.Item>
        <Form.Item label={t("deliberation.mobile.proposeAffected")}>
          <Input value={affected} onChange={setAffected} maxLength={200} placeholder={t("deliberation.mobile.proposeAffectedPlaceholder")} />
        </Form.Item>
      </Form>
      <div className="m-form-submit">
        <Button block color="primary" size="large" loading={write.isPending} onClick={submit} data-testid="propose-submit">
          {t("deliberation.common.submit")}
        </Button>
      </div>
    </>
  );
}

/** The questions of a questionnaire as a phone form; answers are checked by type on the server too. */
export function MobileAnswerForm({ questions, pending, onSubmit }: { questions: Question[]; pending: boolean; onSubmit: (answers: Array<{ questionId: string; value: AnswerValue }>) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, AnswerValue>>({});
  const [touched, setTouched] = useState(false);
  const set = (id: string, v: AnswerValue) => setValues((old) => ({ ...old, [id]: v }));
  const empty = (v: AnswerValue | undefined) => v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
  const submit = () => {
    setTouched(true);
    if (questions.some((q) => q.required && empty(values[q.id]))) {
      Toast.show(t("deliberation.mobile.missingAnswer"));
      return;
    }
    onSubmit(questions.filter((q) => !empty(values[q.id])).map((q) => ({ questionId: q.id, value: typeof values[q.id] === "string" ? (values[q.id] as string).trim() : values[q.id] })));
  };
  return (
    <>
      <Form layout="vertical" className="m-form" data-testid="answer-form">
        {questions.map((q) => (
          <Form.Item
            key={q.id}
            label={`${q.seq}. ${q.text}`}
            required={q.required}
            className={touched && q.required && empty(values[q.id]) ? "m-form-missing dlm-question" : "dlm-question"}
            data-testid="question"
          >
            {q.type === "single" && (
              <Radio.Group value={values[q.id] as string | undefined} onChange={(v) => set(q.id, String(v))}>
                <Space direction="vertical">
                  {(q.options ?? []).map((o) => (
                    <Radio key={o} value={o}>
                      {o}
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            )}
            {q.type === "multi" && (
              <Checkbox.Group value={(values[q.id] as string[] | undefined) ?? []} onChange={(v) => set(q.id, v.map(String))}>
                <Space direction="vertical">
                  {(q.options ?? []).map((o) => (
                    <Checkbox key={o} value={o}>
                      {o}
                    </Checkbox>
                  ))}
                </Space>
              </Checkbox.Group>
            )}
            {q.type === "scale" && <Rate count={q.options && q.options.length >= 2 ? q.options.length : 5} value={(values[q.id] as number | undefined) ?? 0} onChange={(v) => set(q.id, v)} />}
            {q.type === "text" && (
              <TextArea value={(values[q.id] as string | undefined) ?? ""} onChange={(v) => set(q.id, v)} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} placeholder={t("deliberation.mobile.textPlaceholder")} />
            )}
          </Form.Item>
        ))}
      </Form>
      <div className="m-form-submit">
        <Button block color="primary" size="large" loading={pending} onClick={submit} data-testid="answer-submit">
          {t("deliberation.common.submit")}
        </Button>
      </div>
    </>
  );
}
