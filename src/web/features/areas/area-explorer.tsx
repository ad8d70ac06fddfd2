import { useMemo, useState, type ReactNode } from "react";
import { Alert, Card, Empty, Input, Skeleton, Tag, Tree, type TreeDataNode } from "antd";
import { useTranslation } from "react-i18next";
import type { AreaNode } from "../../../contracts/areas";
import { errorMessage } from "../../lib/error-message";
import { indexAreas, type AreaIndex } from "../../lib/area-index";
import { AreaMap } from "./area-map";
import { useAreaTree } from "../../api/use-area-tree";
import { useGridCoverage } from "./use-grid-coverage";

interface Props {
  tileUrl: string;
  /** What to show under the map for the selected area (e.g. its counts). */
  renderDetail: (area: AreaNode) => ReactNode;
}

function treeData(index: AreaIndex, colourOf: (a: AreaNode) => string, levelLabel: (a: AreaNode) => string, filter: string): TreeDataNode[] {
  const matches = (a: AreaNode): boolean =>
    !filter || a.name.includes(filter) || (index.children.get(a.id) ?? []).some(matches);
  const build = (nodes: AreaNode[]): TreeDataNode[] =>
    nodes.filter(matches).map((a) => ({
      key: a.id,
      title: (
        <span className="ll-tree-node">
          {/* Grids and micro-grids carry their map colour; higher levels their level name. */}
          {a.level === "grid" || a.level === "microgrid" ? (
            <i className="ll-swatch" style={{ background: colourOf(a) }} title={levelLabel(a)} />
          ) : null}
          <span className="ll-tree-name">{a.name}</span>
          {a.level !== "grid" && a.level !== "microgrid" && (
            <Tag className="ll-level-tag" variant="filled">
              {levelLabel(a)}
            </Tag>
          )}
        </span>
      ),
      children: build(index.children.get(a.id) ?? []),
    }));
  return build(index.roots);
}

/** The area tree beside a map of its grids; selecting a node fits the map to it and shows its detail. */
export function AreaExplorer({ tileUrl, renderDetail }: Props) {
  const { t } = useTranslation();
  const tree = useAreaTree();
  const items = useMemo(() => tree.data ?? [], [tree.data]);
  const index = useMemo(() => indexAreas(items), [items]);
  const [picked, setPicked] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  const coverage = useGridCoverage();
  const selectedId = picked ?? index.roots[0]?.id ?? null;
  const selected = selectedId ? index.byId.get(selectedId) : undefined;

  const data = useMemo(
    () => treeData(index, index.colourOf, (a) => t(`levels.${a.level}`), filter.trim()),
    [index, t, filter],
  );
  // Small trees open fully; large ones (a street, a district) down to the communities.
  const expandedKeys = useMemo(
    () => items.filter((a) => items.length <= 60 || (a.level !== "grid" && a.level !== "microgrid")).map((a) => a.id),
    [items],
  );

  if (tree.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (tree.isError) return <Alert type="error" showIcon title={errorMessage(tree.error, t)} />;
  if (items.length === 0) return <Empty description={t("areas.noAreas")} />;

  const hasBoundary = (a: AreaNode) => items.some((n) => n.boundary && (n.id === a.id || isBelow(index, n, a.id)));

  return (
    <div className="ll-explorer">
      <Card className="ll-explorer-tree" title={t("areas.treeTitle")} size="small">
        <Input.Search allowClear placeholder={t("areas.searchPlaceholder")} onChange={(e) => setFilter(e.target.value)} className="ll-tree-search" />
        <Tree
          blockNode
          treeData={data}
          defaultExpandedKeys={expandedKeys}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys) => keys[0] && setPicked(String(keys[0]))}
        />
      </Card>
      <div className="ll-explorer-main">
        <Card
          size="small"
          className="ll-map-card"
          title={selected ? t("areas.selected", { name: selected.name, level: t(`levels.${selected.level}`) }) : t("areas.mapTitle")}
          extra={selected?.code && <span className="ll-muted">{t("areas.code")} {selected.code}</span>}
        >
          {selected && !hasBoundary(selected) && <Alert className="ll-map-notice" type="info" showIcon title={t("areas.noBoundary")} />}
          <AreaMap items={items} index={index} selectedId={selectedId} onSelect={setPicked} tileUrl={tileUrl} coverage={coverage.data} />
        </Card>
        {selected && <div className="ll-explorer-detail">{renderDetail(selected)}</div>}
      </div>
    </div>
  );
}

function isBelow(index: AreaIndex, node: AreaNode, ancestorId: string): boolean {
  let parent = node.parentId ? index.byId.get(node.parentId) : undefined;
  while (parent) {
    if (parent.id === ancestorId) return true;
    parent = parent.parentId ? index.byId.get(parent.parentId) : undefined;
  }
  return false;
}
