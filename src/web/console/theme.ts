import type { ThemeConfig } from "antd";

/** Party red as the primary colour, used sparingly; everything else stays neutral. */
export const consoleTheme: ThemeConfig = {
  token: {
    colorPrimary: "#c8161d",
    colorLink: "#c8161d",
    colorInfo: "#1677ff",
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif',
    colorBgLayout: "#f5f6f8",
  },
  components: {
    Layout: { siderBg: "#1f2329", headerBg: "#ffffff", headerHeight: 56, headerPadding: "0 24px" },
    Menu: {
      darkItemBg: "#1f2329",
      darkSubMenuItemBg: "#1f2329",
      darkItemSelectedBg: "#c8161d",
    },
    Statistic: { contentFontSize: 28 },
  },
};
