import { Alert, Button, Skeleton, Space } from "antd";
import { ArrowLeftOutlined, PrinterOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { useRectification } from "./use-inspections";
import "./inspections.css";

const KIND_ZH = { food: "食品安全检查", fire: "消防安全检查", billboard: "户外广告牌安全检查" } as const;
const cnDate = (day: string) => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/**
 * 责令整改通知书 as an A4 sheet: the community's name, the place, the finding, what must change and
 * the deadline, with a receipt line for the enterprise to sign. The notice is a Chinese
 * administrative document, so its text is Chinese whatever the UI language.
 */
export function NoticePrint({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const notice = useRectification(id);
  return (
    <div className="ins-print-page">
      <div className="ins-print-bar">
        <Button icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="back">
          {t("common.back")}
        </Button>
        <Space>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!notice.data} data-testid="notice-print-button">
            {t("inspections.notice.printNow")}
          </Button>
        </Space>
      </div>
      {notice.isPending && (
        <div className="ins-sheet">
          <Skeleton active />
        </div>
      )}
      {notice.isError && <Alert type="error" showIcon title={errorMessage(notice.error, t)} style={{ width: "210mm", margin: "0 auto" }} />}
      {notice.data && (
        <article className="ins-sheet" data-testid="notice-sheet" data-status={notice.data.status}>
          <h1>责令整改通知书</h1>
          <div className="ins-number" data-testid="notice-sheet-number">
            {notice.data.community}　{notice.data.number}
          </div>
          <p className="ins-to">
            <strong data-testid="notice-sheet-place">{notice.data.place.name}</strong>：
          </p>
          <p>
            {cnDate(notice.data.issuedOn)}，{notice.data.community}在对你单位（地址：{notice.data.place.address}）开展{KIND_ZH[notice.data.kind]}时，发现存在以下问题：
            <strong data-testid="notice-sheet-finding">{notice.data.finding}</strong>。
          </p>
          <p>
            现责令你单位于<strong data-testid="notice-sheet-deadline">{cnDate(notice.data.deadline)}</strong>前完成整改：{notice.data.requiredChange}。
          </p>
          <p>整改期满后，社区将进行复查。逾期未整改或整改不到位的，将移交{notice.data.department}依法处理。</p>
          <div className="ins-sign">
            <div>{notice.data.community}（盖章）</div>
            <div>检查人：{notice.data.issuedBy}</div>
            <div>{cnDate(notice.data.issuedOn)}</div>
          </div>
          <div className="ins-receipt">
            <p>被检查单位签收：＿＿＿＿＿＿＿＿　　签收日期：＿＿＿＿年＿＿月＿＿日</p>
            <p>本通知书一式两份，一份交被检查单位，一份社区存档。</p>
          </div>
        </article>
      )}
    </div>
  );
}
