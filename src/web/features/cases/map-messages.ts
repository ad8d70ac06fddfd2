/**
 * Labels of the maps people look at: the console case map (clusters, heat, legend), the case
 * detail's small map and the area map's workers and patrol coverage. Merged as `mapViews`.
 */
export const mapViewsZhCN = {
  state: {
    label: "状态",
    all: "全部",
    overdue: "超时",
    open: "未办结",
    closed: "已办结",
  },
  period: {
    label: "时段",
    days7: "近7天",
    days30: "近30天",
    days90: "近90天",
    year: "近一年",
    custom: "自定义",
    range: "{{from}} 至 {{to}}",
  },
  heat: "热力图",
  shown: "地图上 {{count}} 件",
  capped: "仅显示最近的 {{count}} 件，请缩小时段或加筛选条件",
  noPlace: "{{count}} 件未标注位置，未在地图上显示",
  legend: {
    title: "图例",
    cluster: "圆圈数字为该处事件数，颜色取最紧急的状态",
    heat: "上报密度",
    few: "少",
    many: "多",
    hint: "点击聚合圆圈放大，点击单个事件查看",
  },
  cluster: {
    title: "此处 {{count}} 件事件",
  },
  mini: {
    title: "问题位置",
    move: "移动地图",
    lock: "锁定地图",
    noLocation: "未标注地图位置",
    noAddress: "未填写详细地址",
    pin: "问题位置",
  },
  place: {
  },
  areas: {
    worker: "网格员",
    noWorker: "未配网格员",
    patrol: "本期巡查 {{done}}/{{due}}",
    patrolNone: "本月无巡查任务",
    coverage: "本期巡查完成率（今日所在周期）",
    legendGrids: "网格与网格员",
  },
};

export const mapViewsEn: typeof mapViewsZhCN = {
  state: {
    label: "State",
    all: "All",
    overdue: "Overdue",
    open: "Open",
    closed: "Closed",
  },
  period: {
    label: "Period",
    days7: "7 days",
    days30: "30 days",
    days90: "90 days",
    year: "1 year",
    custom: "Custom",
    range: "{{from}} to {{to}}",
  },
  heat: "Heat map",
  shown: "{{count}} on the map",
  capped: "Only the latest {{count}} are shown; narrow the period or add a filter",
  noPlace: "{{count}} without a place are not on the map",
  legend: {
    title: "Legend",
    cluster: "A circle's number counts the cases there; its colour is the most urgent state",
    heat: "Reports",
    few: "few",
    many: "many",
    hint: "Click a circle to zoom in, a single case to open it",
  },
  cluster: {
    title: "{{count}} cases here",
  },
  mini: {
    title: "Place",
    move: "Move the map",
    lock: "Lock the map",
    noLocation: "No place on the map",
    noAddress: "No street address given",
    pin: "Place of the problem",
  },
  place: {
  },
  areas: {
    worker: "Grid worker",
    noWorker: "No grid worker",
    patrol: "Patrols this period {{done}}/{{due}}",
    patrolNone: "No patrols due this month",
    coverage: "Patrols done in the current period",
    legendGrids: "Grids and their workers",
  },
};
