import type { ComponentType, CSSProperties } from "react";
import {
  AimOutlined,
  AlertOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  CameraOutlined,
  CommentOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  FormOutlined,
  GlobalOutlined,
  HeartOutlined,
  HomeOutlined,
  LogoutOutlined,
  MessageOutlined,
  ProfileOutlined,
  RightOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
  SettingOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
} from "@ant-design/icons";

/**
 * The icons both shells use, by a name of ours: one place decides which glyph means what,
 * and only these are bundled (each icon is its own module).
 */
const ICONS = {
  home: HomeOutlined,
  map: EnvironmentOutlined,
  users: TeamOutlined,
  audit: SafetyCertificateOutlined,
  user: UserOutlined,
  logout: LogoutOutlined,
  globe: GlobalOutlined,
  alert: AlertOutlined,
  clipboard: ProfileOutlined,
  door: SolutionOutlined,
  search: SearchOutlined,
  camera: CameraOutlined,
  message: MessageOutlined,
  calendar: CalendarOutlined,
  chat: CommentOutlined,
  station: ShopOutlined,
  heart: HeartOutlined,
  grid: AppstoreOutlined,
  chevron: RightOutlined,
  pin: EnvironmentOutlined,
  bell: BellOutlined,
  cases: FileTextOutlined,
  chart: BarChartOutlined,
  report: FormOutlined,
  locate: AimOutlined,
  ledger: AuditOutlined,
  settings: SettingOutlined,
} as const satisfies Record<string, ComponentType<{ style?: CSSProperties; className?: string }>>;

export type IconName = keyof typeof ICONS;

export function Icon({ name, size = 18, className, style }: { name: IconName; size?: number; className?: string; style?: CSSProperties }) {
  const Glyph = ICONS[name];
  return <Glyph className={className} style={{ fontSize: size, ...style }} aria-hidden="true" />;
}
