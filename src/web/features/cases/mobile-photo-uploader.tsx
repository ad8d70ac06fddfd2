import { useEffect, useRef, useState } from "react";
import { Button, ImageUploader, ProgressBar, Toast, type ImageUploaderRef, type ImageUploadItem } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { Icon } from "../../lib/icons";
import { errorMessage } from "../../lib/error-message";
import { shrinkImage } from "./shrink-image";
import { uploadPhoto } from "../../lib/upload-photo";

export const MAX_PHOTOS = 9;

/** The uploaded file's id travels in `extra`, for the report's photoIds. */
export const photoIdsOf = (items: ImageUploadItem[]) => items.map((i) => (i.extra as { id: string }).id);

interface Props {
  value: ImageUploadItem[];
  onChange: (items: ImageUploadItem[]) => void;
  /** True while any photo is still on its way. */
  onBusyChange?: (busy: boolean) => void;
  max?: number;
}

/**
 * Up to nine photos, each uploaded to /api/files as soon as it is chosen, with a progress bar;
 * tap to preview, × to remove. The tile opens the phone's chooser (camera or gallery); "拍照" goes
 * straight to the camera.
 */
export function MobilePhotoUploader({ value, onChange, onBusyChange, max = MAX_PHOTOS }: Props) {
  const { t } = useTranslation();
  const uploader = useRef<ImageUploaderRef>(null);
  const [progress, setProgress] = useState<Record<number, number>>({});
  const nextTask = useRef(0);
  const inFlight = Object.values(progress);
  const percent = inFlight.length ? Math.round((inFlight.reduce((a, b) => a + b, 0) / inFlight.length) * 100) : 0;
  const busy = inFlight.length > 0;
  const onBusyRef = useRef(onBusyChange);
  useEffect(() => {
    onBusyRef.current = onBusyChange;
  }, [onBusyChange]);
  useEffect(() => {
    onBusyRef.current?.(busy);
  }, [busy]);

  const upload = async (file: File): Promise<ImageUploadItem> => {
    const task = nextTask.current++;
    setProgress((p) => ({ ...p, [task]: 0 }));
    try {
      const stored = await uploadPhoto(await shrinkImage(file), (fraction) => setProgress((p) => ({ ...p, [task]: fraction })));
      return { key: stored.id, url: stored.url, thumbnailUrl: stored.thumbUrl, extra: { id: stored.id } };
    } catch (err) {
      Toast.show({ icon: "fail", content: errorMessage(err, t) });
      throw err;
    } finally {
      setProgress((p) => {
        const rest = { ...p };
        delete rest[task];
        return rest;
      });
    }
  };

  const takePhoto = () => {
    const input = uploader.current?.nativeElement;
    if (!input) return;
    input.setAttribute("capture", "environment");
    input.click();
    // The next tap on the tile should offer the gallery again.
    setTimeout(() => input.removeAttribute("capture"), 1000);
  };

  return (
    <div className="m-photos" data-testid="photo-uploader">
      <ImageUploader
        ref={uploader}
        value={value}
        onChange={onChange}
        upload={upload}
        accept="image/*"
        multiple
        maxCount={max}
        showFailed={false}
        onCountExceed={(n) => Toast.show(t("cases.photos.tooMany", { max, count: n }))}
      />
      <div className="m-photos-foot">
        <span className="m-muted">{t("cases.photos.count", { count: value.length, max })}</span>
        {value.length < max && (
          <Button size="mini" fill="outline" onClick={takePhoto} data-testid="take-photo">
            <Icon name="camera" size={14} /> {t("cases.photos.takePhoto")}
          </Button>
        )}
      </div>
      {inFlight.length > 0 && (
        <div className="m-photos-progress" data-testid="photo-progress">
          <ProgressBar percent={percent} />
          <span>{t("cases.photos.uploading", { count: inFlight.length, percent })}</span>
        </div>
      )}
    </div>
  );
}
