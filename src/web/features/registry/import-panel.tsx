import { useState } from "react";
import { Alert, Button, Card, Radio, Result, Space, Steps, Table, Typography, Upload, type UploadFile } from "antd";
import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { apiUrl } from "../../api/client";
import { errorMessage } from "../../lib/error-message";
import { importFile, type ImportMode } from "./import-file";
import { registryKeys } from "./keys";
import type { ImportResult } from "./types";

/** Template download, file and mode, then the report of every rejected row (and the downloadable report). */
export function ImportPanel() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<UploadFile | null>(null);
  const [mode, setMode] = useState<ImportMode>("all_or_nothing");
  const run = useMutation({
    mutationFn: () => importFile(file!.originFileObj as File, mode),
    onSuccess: (r) => {
      if (r.importedRows > 0) {
        void client.invalidateQueries({ queryKey: registryKeys.all });
        void client.invalidateQueries({ queryKey: ["people"] });
      }
    },
  });

  return (
    <div className="rg-import-steps">
      <Card className="ll-page-card ll-gap">
        <Steps
          direction="vertical"
          current={run.data ? 2 : file ? 1 : 0}
          items={[
            {
              title: t("registry.import.step1"),
              content: (
                <Space direction="vertical">
                  <Typography.Text type="secondary">{t("registry.import.templateHint")}</Typography.Text>
                  <Button icon={<DownloadOutlined />} href={apiUrl("/registry/import/template")} data-testid="import-template">
                    {t("registry.import.downloadTemplate")}
                  </Button>
                </Space>
              ),
            },
            {
              title: t("registry.import.step2"),
              content: (
                <Space direction="vertical" size="middle">
                  <Upload
                    accept=".xlsx"
                    maxCount={1}
                    fileList={file ? [file] : []}
                    beforeUpload={() => false}
                    onChange={({ fileList }) => {
                      setFile(fileList[0] ?? null);
                      run.reset();
                    }}
                    data-testid="import-file"
                  >
                    <Button icon={<UploadOutlined />}>{t("registry.import.pick")}</Button>
                  </Upload>
                  <Typography.Text type="secondary">{t("registry.import.fileHint")}</Typography.Text>
                  <div>
                    <div>{t("registry.import.mode")}</div>
                    <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)} data-testid="import-mode">
                      <Space direction="vertical">
                        <Radio value="all_or_nothing" data-testid="mode-all_or_nothing">
                          {t("registry.import.modes.all_or_nothing")}
                        </Radio>
                        <Radio value="valid_only" data-testid="mode-valid_only">
                          {t("registry.import.modes.valid_only")}
                        </Radio>
                      </Space>
                    </Radio.Group>
                  </div>
                  <Button type="primary" disabled={!file} loading={run.isPending} onClick={() => run.mutate()} data-testid="import-submit">
                    {t("registry.import.submit")}
                  </Button>
                </Space>
              ),
            },
            { title: t("registry.import.result") },
          ]}
        />
      </Card>
      {run.isError && <Alert type="error" showIcon title={errorMessage(run.error, t)} className="ll-gap" data-testid="import-error" />}
      {run.data && <ImportReport r={run.data} />}
    </div>
  );
}

function ImportReport({ r }: { r: ImportResult }) {
  const { t } = useTranslation();
  const status = r.status === "done" ? (r.rejectedRows > 0 ? "warning" : "success") : "error";
  return (
    <Card className="ll-page-card" data-testid="import-result" data-status={r.status}>
      <Result
        status={status}
        title={t(`registry.import.statuses.${r.status}`)}
        subTitle={<span data-testid="import-summary">{t("registry.import.summary", { total: r.totalRows, imported: r.importedRows, rejected: r.rejectedRows })}</span>}
        extra={
          r.reportUrl && (
            <Button icon={<DownloadOutlined />} href={r.reportUrl} data-testid="import-report">
              {t("registry.import.downloadReport")}
            </Button>
          )
        }
      />
      {r.fileErrors.length > 0 && <Alert type="error" showIcon title={t("registry.import.fileErrors")} description={<ul>{r.fileErrors.map((e) => <li key={e}>{e}</li>)}</ul>} data-testid="import-file-errors" />}
      {r.rejected.length > 0 && (
        <>
          <Typography.Title level={5}>{t("registry.import.rejectedRows")}</Typography.Title>
          <Table
            rowKey="row"
            size="small"
            pagination={false}
            dataSource={r.rejected}
            columns={[
              { title: t("registry.import.row"), dataIndex: "row", width: 90 },
              { title: t("registry.import.reasons"), dataIndex: "errors", render: (v: string[]) => v.join("；") },
            ]}
            data-testid="import-rejected"
          />
          {r.rejectedRows > r.rejected.length && <Typography.Text type="secondary">{t("registry.import.more")}</Typography.Text>}
        </>
      )}
    </Card>
  );
}
