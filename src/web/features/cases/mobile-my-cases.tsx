import { ErrorBlock, InfiniteScroll, PullToRefresh, Skeleton } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { MobileCaseCard } from "./mobile-case-card";
import { useCaseList } from "./use-case-list";

/** 我的诉求: what the user reported, newest first, with its status. */
export function MobileMyCases({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const list = useCaseList({}, { scope: "reported", limit: 20 });
  if (list.isPending) return <Skeleton.Paragraph lineCount={8} animated className="m-pad" />;
  if (list.isError) return <ErrorBlock status="default" title={errorMessage(list.error, t)} description="" />;
  const items = list.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <ErrorBlock status="empty" title={t("cases.mine.empty")} description={t("cases.mine.emptyHint")} />;
  return (
    <PullToRefresh onRefresh={async () => void (await list.refetch())}>
      <div className="m-case-list" data-testid="my-cases">
        {items.map((c) => (
          <MobileCaseCard key={c.id} c={c} onOpen={() => onOpen(c.id)} />
        ))}
      </div>
      <InfiniteScroll hasMore={!!list.hasNextPage} loadMore={async () => void (await list.fetchNextPage())}>
        {list.hasNextPage ? t("common.loading") : t("common.noMore")}
      </InfiniteScroll>
    </PullToRefresh>
  );
}
