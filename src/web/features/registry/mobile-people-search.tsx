import { useState } from "react";
import { ErrorBlock, InfiniteScroll, List, SearchBar, Skeleton, Tag } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { usePeople } from "./use-people";

/** 居民查询 on the phone: the grid worker's residents by name or phone/ID tail, masked. */
export function MobilePeopleSearch() {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const people = usePeople(q);
  const rows = people.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div data-testid="mobile-people">
      <div className="m-search">
        <SearchBar placeholder={t("people.searchPlaceholder")} onSearch={(v) => setQ(v.trim())} onClear={() => setQ("")} />
      </div>
      <div className="m-muted m-search-hint">{t("people.masked")}</div>
      {people.isPending ? (
        <Skeleton.Paragraph lineCount={8} animated className="m-pad" />
      ) : people.isError ? (
        <ErrorBlock status="default" title={errorMessage(people.error, t)} description="" />
      ) : rows.length === 0 ? (
        <ErrorBlock status="empty" title={t("common.empty")} description="" />
      ) : (
        <>
          <List>
            {rows.map((p) => (
              <List.Item
                key={p.id}
                description={
                  <div className="m-person-desc">
                    <div>{p.address ?? "—"}</div>
                    <div className="m-muted">
                      {p.phone ?? "—"} · {p.gridName ?? p.communityName}
                    </div>
                  </div>
                }
                extra={<Tag fill="outline">{t(`people.residence.${p.residence}`)}</Tag>}
              >
                <strong>{p.name}</strong>
                <span className="m-muted m-person-meta">
                  {t(`people.sex.${p.sex}`)} · {t("people.age", { age: p.age })}
                </span>
              </List.Item>
            ))}
          </List>
          <InfiniteScroll hasMore={!!people.hasNextPage} loadMore={async () => void (await people.fetchNextPage())}>
            {people.hasNextPage ? t("common.loading") : t("common.noMore")}
          </InfiniteScroll>
        </>
      )}
    </div>
  );
}
