import { useState } from "react";
import { App, Upload, type UploadFile } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { uploadPhoto } from "../../lib/upload-photo";

/** Photos for a progress report: each is uploaded as soon as it is picked; the parent gets the ids of those done. */
export function PhotoUpload({ onChange, max = 9 }: { onChange: (ids: string[]) => void; max?: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const publish = (list: UploadFile[]) => {
    setFiles(list);
    onChange(list.filter((f) => f.status === "done" && f.response?.id).map((f) => f.response.id as string));
  };
  return (
    <Upload
      listType="picture-card"
      accept="image/*"
      fileList={files}
      maxCount={max}
      multiple
      onChange={({ fileList }) => publish(fileList)}
      customRequest={({ file, onSuccess, onError, onProgress }) => {
        uploadPhoto(file as File, (f) => onProgress?.({ percent: Math.round(f * 100) }))
          .then((r) => onSuccess?.(r))
          .catch((e: Error) => {
            void message.error(errorMessage(e, t));
            onError?.(e);
          });
      }}
      data-testid="photo-upload"
    >
      {files.length < max && (
        <div className="dl-upload-tile">
          <PlusOutlined />
          <div>{t("deliberation.resolution.addPhoto")}</div>
        </div>
      )}
    </Upload>
  );
}
