import { useState } from "react";
import { Alert, App, Button, Empty, Input, Popconfirm, Select, Space, Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { formatDateTime } from "../../lib/format";
import { useRemoveTag, useSetTag, useTagDefinitions } from "./use-registry";
import type { PersonDetail } from "./types";

/** A person's care and attention tags, who set each and when; add from the dictionary, remove (kept as history). */
export function TagEditor({ person, editable }: { person: PersonDetail; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const defs = useTagDefinitions();
  const setTag = useSetTag(person.id);
  const removeTag = useRemoveTag(person.id);
  const [code, setCode] = useState<string>();
  const [platform, setPlatform] = useState("");
  const restricted = new Set((defs.data ?? []).filter((d) => d.restricted).map((d) => d.code));
  const options = (defs.data ?? []).filter((d) => !person.tags.some((x) => x.code === d.code)).map((d) => ({ value: d.code, label: d.name }));
  const error = setTag.error ?? removeTag.error;

  const add = async () => {
    if (!code) return;
    await setTag.mutateAsync({ tagCode: code, attrs: code === "new_employment" && platform.trim() ? { platform: platform.trim() } : {} });
    setCode(undefined);
    setPlatform("");
    void message.success(t("registry.tags.added"));
  };

  return (
    <div data-testid="person-tags">
      {error && <Alert type="error" showIcon title={errorMessage(error, t)} className="ll-gap" />}
      {person.tags.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("registry.tags.none")} />
      ) : (
        <Space wrap className="ll-gap">
          {person.tags.map((tag) => {
            const who = tag.setBy ? t("registry.tags.setBy", { name: tag.setBy, at: formatDateTime(tag.setAt) }) : t("registry.tags.setBySystem", { at: formatDateTime(tag.setAt) });
            const label = [tag.name, ...Object.values(tag.attrs)].join(" · ");
            return (
              <Tooltip key={tag.code} title={who}>
                <Tag color={restricted.has(tag.code) ? "red" : "volcano"} variant="filled" data-testid={`person-tag-${tag.code}`}>
                  {label}
                  {editable && (
                    <Popconfirm
                      title={t("registry.tags.removeConfirm", { name: tag.name })}
                      okText={t("registry.tags.remove")}
                      cancelText={t("common.cancel")}
                      onConfirm={() => removeTag.mutateAsync(tag.code).then(() => void message.success(t("registry.tags.removed")))}
                    >
                      <Button type="link" size="small" danger data-testid={`remove-tag-${tag.code}`}>
                        {t("registry.tags.remove")}
                      </Button>
                    </Popconfirm>
                  )}
                </Tag>
              </Tooltip>
            );
          })}
        </Space>
      )}
      {editable && (
        <Space wrap>
          <Select className="ll-filter" placeholder={t("registry.tags.pick")} options={options} value={code} onChange={setCode} loading={defs.isPending} data-testid="tag-select" />
          {code === "new_employment" && <Input className="ll-filter" placeholder={t("registry.tags.platformPlaceholder")} value={platform} maxLength={20} onChange={(e) => setPlatform(e.target.value)} />}
          <Button type="primary" disabled={!code} loading={setTag.isPending} onClick={() => void add().catch(() => undefined)} data-testid="tag-add">
            {t("registry.tags.add")}
          </Button>
        </Space>
      )}
    </div>
  );
}
