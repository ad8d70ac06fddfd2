import { useEffect, useMemo, useRef } from "react";
import { Button, Toast } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { Icon } from "../../lib/icons";
import { preparePhoto } from "./local-photos";
import "./patrols.css";

export interface LocalPhoto {
  key: string;
  blob: Blob;
  name: string;
}

const MAX = 9;
let seq = 0;

/**
 * Photos taken for one item (or the visit) and kept on the phone with the form: they are uploaded
 * only when the form is sent, so taking them works without network.
 */
export function MobilePhotoPicker({ value, onChange, testId }: { value: LocalPhoto[]; onChange: (photos: LocalPhoto[]) => void; testId: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const urls = useMemo(() => value.map((p) => ({ key: p.key, url: URL.createObjectURL(p.blob) })), [value]);
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u.url)), [urls]);

  const add = async (files: FileList | null) => {
    if (!files?.length) return;
    const room = MAX - value.length;
    if (files.length > room) Toast.show({ content: t("patrols.photos.tooMany", { max: MAX }) });
    const picked = await Promise.all(
      [...files].slice(0, Math.max(0, room)).map(async (f) => ({ key: `ph-${Date.now().toString(36)}-${++seq}`, blob: await preparePhoto(f), name: f.name || "photo.jpg" })),
    );
    onChange([...value, ...picked]);
    if (input.current) input.current.value = "";
  };

  return (
    <div className="p-photos" data-testid={testId}>
      {urls.map((u) => (
        <span key={u.key} className="p-photo">
          <img src={u.url} alt="" />
          <button type="button" className="p-photo-remove" aria-label={t("patrols.photos.remove")} onClick={() => onChange(value.filter((p) => p.key !== u.key))}>
            ×
          </button>
        </span>
      ))}
      {value.length < MAX && (
        <Button size="small" fill="outline" onClick={() => input.current?.click()} className="p-photo-add">
          <Icon name="camera" size={14} /> {t("patrols.photos.add")}
        </Button>
      )}
      <input ref={input} type="file" accept="image/*" capture="environment" multiple hidden onChange={(e) => void add(e.target.files)} data-testid={`${testId}-input`} />
    </div>
  );
}
