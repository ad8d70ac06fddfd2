import { useMemo, useState } from "react";
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from "antd";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { totalFigure } from "../../lib/list-total";
import type { PersonItem } from "../../../contracts/people";
import { errorMessage } from "../../lib/error-message";
import { ExportButton } from "./export-button";
import { usePeople } from "./use-people";
import { useTagDefinitions } from "./use-registry";
import "./registry.css";

const RESIDENCE_COLOUR: Record<PersonItem["residence"], string> = { registered: "blue", resident: "green", floating: "orange" };

/** Search box, address and tag filters and result table of the population registry; personal data arrives masked. */
export function PeopleSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState("");
  const [address, setAddress] = useState("");
  const [tag, setTag] = useState<string>();
  const tags = useTagDefinitions();
  const people = usePeople(q, undefined, { address, tag });
  const rows = useMemo(() => people.data?.pages.flatMap((p) => p.items) ?? [], [people.data]);

  const columns: TableColumnsType<PersonItem> = [
    { title: t("people.columns.name"), dataIndex: "name", width: 110, className: "col-name", render: (v: string, r) => (
        <a onClick={() => navigate(`/registry/people/${r.id}`)} data-testid="person-link">
          <strong>{v}</strong>
        </a>
      ),
    },
    { title: t("people.columns.sex"), dataIndex: "sex", width: 70, render: (v: PersonItem["sex"]) => t(`people.sex.${v}`) },
    { title: t("people.columns.age"), dataIndex: "age", width: 80, render: (v: number) => t("people.age", { age: v }) },
    { title: t("people.columns.phone"), dataIndex: "phone", width: 140, render: (v: string | null) => <span className="ll-mono">{v ?? "—"}</span> },
    { title: t("people.columns.idNumber"), dataIndex: "idNumber", width: 200, render: (v: string) => <span className="ll-mono">{v}</span> },
    { title: t("people.columns.address"), dataIndex: "address", ellipsis: true, render: (v: string | null) => v ?? "—" },
    { title: t("people.columns.community"), dataIndex: "communityName", width: 120, className: "col-community" },
    { title: t("people.columns.grid"), dataIndex: "gridName", width: 120, render: (v: string | null) => v ?? "—" },
    {
      title: t("people.columns.residence"),
      dataIndex: "residence",
      width: 110,
      render: (v: PersonItem["residence"]) => (
        <Tag color={RESIDENCE_COLOUR[v]} variant="filled">
          {t(`people.residence.${v}`)}
        </Tag>
      ),
    },
    {
      title: t("registry.search.tag"),
      dataIndex: "tags",
      width: 180,
      render: (v: string[]) => (
        <span className="rg-tag-cell">
          {v.map((name) => (
            <Tag key={name} color="volcano">
              {name}
            </Tag>
          ))}
        </span>
      ),
    },
  ];

  return (
    <Card className="ll-page-card">
      <div className="ll-toolbar">
        <Input.Search
          className="ll-people-search"
          allowClear
          enterButton={t("common.search")}
          placeholder={t("people.searchPlaceholder")}
          onSearch={(value) => setQ(value.trim())}
          data-testid="people-search"
        />
        <Input.Search
          className="ll-people-search"
          allowClear
          placeholder={t("registry.search.addressPlaceholder")}
          onSearch={(value) => setAddress(value.trim())}
          data-testid="people-address"
        />
        <Select
          allowClear
          className="ll-filter"
          placeholder={t("registry.search.tagPlaceholder")}
          value={tag}
          onChange={setTag}
          loading={tags.isPending}
          options={(tags.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
          data-testid="people-tag"
        />
        <Space>
          <ExportButton filter={{ q: q || undefined, address: address || undefined, tag }} />
          <Typography.Text type="secondary">{t("people.masked")}</Typography.Text>
        </Space>
      </div>
      {people.isError && <Alert type="error" showIcon title={errorMessage(people.error, t)} className="ll-gap" />}
      <Table<PersonItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        // Not on the search box: antd ignores Enter there while it shows loading, and a search typed
        // while the first page loads would be lost.
        loading={people.isFetching && !people.isFetchingNextPage}
        pagination={false}
        scroll={{ x: 1300 }}
        data-testid="people-table"
      />
      <div className="ll-load-more">
        {people.hasNextPage ? (
          <Button onClick={() => people.fetchNextPage()} loading={people.isFetchingNextPage} data-testid="load-more">
            {t("common.loadMore")}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t("common.noMore")}</Typography.Text>
        )}
        {rows.length > 0 && people.data?.pages[0] && (
          <Typography.Text type="secondary" data-testid="list-total">
            {t("common.shownOfTotal", { shown: rows.length, total: totalFigure(people.data.pages[0]) })}
          </Typography.Text>
        )}
      </div>
    </Card>
  );
}
